/**
 * The network half of sending a <samen-post-form> (questions, answers, questions to reviewers):
 * the call, clearing the form once the server stored the post, and an error next to the field
 * it concerns. The typed text survives every failure. In the lazy community chunk, which the ask
 * form fetches on focus: product pages do not load it before the shopper writes.
 */
import { ApiRequestError } from '../api/client.ts';
import { errorText } from '../i18n/index.ts';
import { emitInternal } from '../internal/events.ts';
import type { SamenPostForm } from './samen-post-form.ts';

export async function sendPost(form: SamenPostForm, text: string): Promise<void> {
  try {
    const name = form.postingAs ? '' : form._name.trim();
    await form.send(name ? { text, authorName: name } : { text });
    form._text = '';
    emitInternal(form, 'posted');
  } catch (err) {
    const code = err instanceof ApiRequestError ? err.code : 'generic';
    const field = code === 'name_too_long' ? 'name' : code.startsWith('question_') || code.startsWith('answer_') ? 'text' : 'form';
    form._error = { field, message: errorText(form.t, code) };
  } finally {
    form._busy = false;
  }
}
