import { inject } from 'vitest';

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
  scope: string;
}

/** The demo account of a role, as the server printed it at start; the first one when a role has several. */
export function demoAccount(role: string, scope?: string): DemoAccount {
  const account = inject('demoAccounts').find((a) => a.role === role && (!scope || a.scope.includes(scope)));
  if (!account) throw new Error(`no demo account for role ${role}${scope ? ` in ${scope}` : ''}`);
  return account;
}

export const demoPassword = (): string => inject('demoPassword');
export const baseUrl = (): string => inject('baseUrl');
