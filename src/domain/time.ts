/** The platform's calendar is China's: dates are taken in Asia/Shanghai whatever the server's zone. */
const CN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' in China for an instant. */
export function chinaDate(at: Date = new Date()): string {
  return CN_DATE.format(at);
}
