/**
 * POL-1 申报截止: the last China day an enterprise may apply ('YYYY-MM-DD'); after it the policy
 * may still be in force, but applying is closed. Read by the server (refusals, ranking) and the web.
 */
export function applicationsClosed(deadline: string | null, today: string): boolean {
  return deadline !== null && deadline < today;
}
