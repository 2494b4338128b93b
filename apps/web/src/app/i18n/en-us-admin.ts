import type { zhCNAdmin } from './zh-cn-admin.ts';

/** The English UI text of the three administrators' safeguards (三员分立): two-person resets and unlocking. */
export const enUSAdmin: typeof zhCNAdmin = {
  privilegedResets: {
    title: 'Administrator password resets',
    subtitle:
      'The passwords of the system administrator, security administrator and auditor accounts are reset by two administrators of different roles together: no one alone can take over another’s account.',
    steps:
      '① A system or security administrator opens the reset on the account’s page and gets the first half of the new password; ② within 24 hours, an administrator of another role (neither the opener nor the owner) confirms it here and gets the second half; ③ each hands their half to the owner in person, who logs in with the two halves joined (first half first) and changes the password at once. The auditors and the owner are told at each step.',
    empty: 'No reset waits for confirmation',
    openedLine: 'Opened by {{name}} ({{role}}) at {{time}} · valid until {{expires}}',
    open: 'Two-person password reset',
    openConfirm:
      'Open a two-person password reset of “{{name}}”? You get the first half of the new password; an administrator of another role must confirm it.',
    confirm: 'Confirm the reset',
    confirmConfirm:
      'Confirm the password reset of “{{name}}”? You get the second half of the new password; every session of the account ends now.',
    cancel: 'Cancel',
    cancelConfirm: 'Cancel this reset?',
    cancelled: 'The reset was cancelled',
    waiting: 'Waiting for another administrator',
    halfTitle: 'The {{position}} of the new password: hand it to {{username}} in person',
    positions: { first: 'first half', second: 'second half' },
    halfHintFirst:
      'This is shown only once. Note it and hand it to the owner in person, never by chat or e-mail. The administrator who confirms gets the second half; the owner types first half + second half.',
    halfHintSecond:
      'The reset is done, and this is shown only once. Hand it to the owner in person; they type first half + second half and must change the password at once.',
    halfDone: 'Noted',
  },
  unlock: {
    action: 'Unlock',
    confirm: 'Unlock the logins of “{{name}}”? Its failed logins from every address are forgotten.',
    done: 'The account is unlocked',
  },
};
