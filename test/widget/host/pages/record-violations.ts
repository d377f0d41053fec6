/** Imported first by the host pages: every CSP and Trusted Types violation of the page, as text. */
export const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample ? `"${e.sample}"` : ''} at ${e.sourceFile}:${e.lineNumber}`);
});
