/** The Chinese UI text of the three administrators' safeguards (三员分立): two-person resets and unlocking. */
export const zhCNAdmin = {
  privilegedResets: {
    title: '特权账号密码重置',
    subtitle:
      '系统管理员、安全管理员和审计员的账号密码，须由两名不同角色的管理员共同重置，任何一人都无法单独接管他人账号。',
    steps:
      '① 系统管理员或安全管理员在账号页面发起重置，获得新密码的前一半；② 24 小时内，由持另一角色的管理员（不是发起人，也不是本人）在此确认，获得后一半；③ 两人分别当面把各自的一半交给本人，本人把两半连起来（前一半在前）登录，并立即修改密码。审计员和本人会在每一步收到消息。',
    empty: '没有待确认的重置',
    openedLine: '由 {{name}}（{{role}}）于 {{time}} 发起 · 有效至 {{expires}}',
    open: '双人重置密码',
    openConfirm: '发起对“{{name}}”的双人密码重置？您将获得新密码的前一半，还需另一名不同角色的管理员确认。',
    confirm: '确认重置',
    confirmConfirm: '确认重置“{{name}}”的密码？您将获得新密码的后一半，该账号的所有登录将立即失效。',
    cancel: '撤销',
    cancelConfirm: '撤销这次重置？',
    cancelled: '重置已撤销',
    waiting: '等待另一名管理员确认',
    halfTitle: '新密码的{{position}}：请当面交给 {{username}}',
    positions: { first: '前一半', second: '后一半' },
    halfHintFirst:
      '此内容只显示这一次，请记下后当面交给本人，不要通过聊天或邮件发送。另一名管理员确认后会得到后一半；本人登录时输入“前一半 + 后一半”。',
    halfHintSecond:
      '重置已完成，此内容只显示这一次。请当面交给本人；本人登录时输入“前一半 + 后一半”，登录后必须立即修改密码。',
    halfDone: '已记下',
  },
  unlock: {
    action: '解除锁定',
    confirm: '解除“{{name}}”的登录锁定？该账号在所有地址的失败次数将清零。',
    done: '账号已解除锁定',
  },
};
