/**
 * Entry of the /console page. The page's language (`<html lang>`) follows the browser's
 * preferred languages, or `?lang=nl|fr|en`; the console reads it from there, so the element is
 * added only after the language is set (imports run first, but define() finds no element yet).
 */
import { pickLanguage } from '../i18n/index.ts';
import './samen-console.ts';

document.documentElement.lang = pickLanguage(new URLSearchParams(location.search).get('lang'), ...navigator.languages);
document.body.append(document.createElement('samen-console'));
