import { Grid } from 'antd';

/** Below antd's `md` breakpoint (768px): the side menu becomes a drawer and forms stack. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume a desktop so the layout does not flash.
  return screens.md === false;
}
