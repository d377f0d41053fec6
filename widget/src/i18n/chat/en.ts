/**
 * English strings of the chat panel (a lazy chunk with the panel); the shape nl and fr match.
 * `when` is a time the API already wrote in the shopper's language and zone ("today before 15:30").
 */
export const en = {
  panel: 'Chat',
  close: 'Close chat',
  conversation: 'Conversation',
  message: 'Message',
  send: 'Send',
  email: 'Email for our reply (optional)',
  emailHint: 'If we are away, we reply here and by email.',
  invalidEmail: 'Enter a valid email address, or leave it empty.',
  intro: (brand: string) => `Ask ${brand} anything. We answer here.`,
  aboutOrder: (order: string) => `About order ${order}`,
  live: (brand: string, when: string) => `${brand} team will answer ${when}.`,
  leaveMessage: (when: string) => `We are away right now — back ${when}. Leave a message and we will reply here.`,
  you: 'You',
  team: 'Team',
  sending: 'Sending…',
  notSent: 'Not sent — will retry',
  seen: 'Seen',
  typing: (name: string) => `${name} is typing…`,
  joined: (name: string) => `${name} joined the chat`,
  left: (name: string) => `${name} left the chat`,
  reconnecting: 'Reconnecting… your messages are kept and sent when we are back.',
  history: 'Your conversations',
  startNew: 'Start a new conversation',
  continueChat: 'Continue',
  open: 'Open',
  closed: 'Closed',
  unread: (n: number) => `${n} unread`,
  noMessages: 'No messages yet',
  error: 'Something went wrong. Try again.',
  errors: {
    message_too_short: 'Write a message first.',
    message_too_long: 'This message is too long.',
    invalid_email: 'Enter a valid email address, or leave it empty.',
    rate_limited: 'You are sending messages too fast. Try again in a moment.',
    network: 'You seem to be offline. We will send it when you are back.',
  } as Record<string, string>,
};

export type ChatStrings = typeof en;
