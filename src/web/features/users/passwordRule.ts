import type { Rule } from 'antd/es/form';
import type { Translate } from '../../app/i18n.ts';

/** The server's password rule, checked before the round trip: at least 8 characters with a letter and a digit. */
export function isAcceptablePassword(password: string): boolean {
  return password.length >= 8 && password.length <= 200 && /[A-Za-z]/.test(password) && /\d/.test(password);
}

export function passwordRule(t: Translate): Rule {
  return {
    validator: async (_, value: string | undefined) => {
      if (!value || isAcceptablePassword(value)) return;
      throw new Error(t('user.passwordHint'));
    },
  };
}
