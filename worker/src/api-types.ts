/**
 * Shapes of API responses, shared with the widget as types only.
 * Kept free of Workers types so the widget's DOM build can import it.
 */

export type Language = 'en' | 'nl' | 'fr';

export interface SiteInfo {
  id: string;
  name: string;
  defaultLanguage: Language;
}

export interface Question {
  id: string;
  productId: string;
  body: string;
  authorName: string | null;
  answerCount: number;
  createdAt: number;
}

export interface Answer {
  id: string;
  questionId: string;
  body: string;
  authorName: string | null;
  createdAt: number;
}

export interface QuestionPage {
  questions: Question[];
  nextCursor: string | null;
}

export interface ErrorBody {
  error: { code: string; message: string };
}
