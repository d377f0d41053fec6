/**
 * Limits on what shoppers write, and the English message for each input error code.
 * The widget shows its own translated text per code; these messages are for API users.
 */
export const limits = {
  question: { min: 10, max: 2000 },
  answer: { min: 2, max: 5000 },
  authorName: { max: 60 },
  pageSize: { max: 50, default: 10 },
} as const;

export const inputErrorMessages = {
  invalid_input: 'The request is not valid.',
  question_too_short: `A question needs at least ${limits.question.min} characters.`,
  question_too_long: `A question can have at most ${limits.question.max} characters.`,
  answer_too_short: `An answer needs at least ${limits.answer.min} characters.`,
  answer_too_long: `An answer can have at most ${limits.answer.max} characters.`,
  name_too_long: `A display name can have at most ${limits.authorName.max} characters.`,
  invalid_product: 'The product id must be 1–128 letters, digits or . _ : / -.',
  invalid_cursor: 'The page cursor is not valid.',
  invalid_origin: 'An origin is exactly scheme://host[:port]: lower-case host, no path, no trailing slash or dot.',
  invalid_email: 'Enter a valid email address.',
  invalid_name: 'Enter a name of 1–80 characters.',
  invalid_role: 'The role must be “owner” or “agent”.',
  password_too_short: 'A password needs at least 12 characters.',
  password_too_long: 'A password can have at most 1,024 characters.',
  invalid_erase_mode: 'The erase mode must be “anonymise” or “delete”.',
  invalid_reason: 'The reason must be spam, offensive, off_topic or personal_data.',
  invalid_event: 'Unknown event.',
  invalid_url: 'Webhook URLs must be https:// (or http://localhost for testing).',
  no_events: 'Choose at least one event: question.created, answer.created, question.unanswered, staff.replied or review.question_asked.',
  invalid_report_threshold: 'The report threshold must be a whole number from 1 to 100.',
  invalid_blocklist: 'The blocklist holds at most 200 words of 1–40 lower-case letters each.',
  invalid_moderation_action: 'The action must be “approve”, “remove” or “restore”.',
  moderation_reason_too_long: 'A moderation reason can have at most 500 characters.',
  nothing_to_change: 'Give at least one setting to change.',
  invalid_time_zone: 'The time zone must be an IANA zone such as Europe/Amsterdam.',
  invalid_language: 'The language must be en, nl or fr.',
  invalid_order_ref: 'The order number must be 1–64 letters, digits or . _ # / -, starting with a letter or digit.',
  message_too_short: 'Write a message first.',
  message_too_long: 'A message can have at most 5,000 characters.',
  title_invalid: 'A title needs 1–80 characters.',
  body_invalid: 'A canned response needs 1–5,000 characters.',
  invalid_business_hours: 'Business hours are per weekday (sun–sat) lists of ["HH:MM", "HH:MM"] intervals, opening before closing, not overlapping.',
  invalid_holidays: 'Holidays are at most 100 dates written YYYY-MM-DD.',
  invalid_window: 'The community window must be 5 minutes to 7 days.',
  invalid_sla: 'The first-response target must be 5 minutes to 14 days.',
  invalid_keywords: 'Keywords are per category, at most 50 of 1–60 characters each.',
  invalid_status: 'Unknown queue status.',
  invalid_category: 'Unknown category.',
  invalid_client_id: 'The client id must be 1–64 letters, digits, _ or -.',
  invalid_channel: 'The channel must be “product” or “checkout”.',
  invalid_seq: 'The sequence number must be a whole number of 0 or more.',
} as const;

export type InputErrorCode = keyof typeof inputErrorMessages;
