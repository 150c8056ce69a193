/**
 * The page a password-protected link answers instead of its redirect: a form that posts the
 * password back to `POST /:slug`. No script and no style; the slug is escaped although its
 * pattern admits no markup. A QR scan's form posts with the QR code's flag, so that the visit it
 * unlocks is still counted as a scan.
 */
import { qrScanUrl, type VisitSource } from './visit-source';

/**
 * The form page's own policy, in place of Helmet's: nothing may load, and the form may post
 * here and follow the answer anywhere on the web. Chrome checks a form's redirects against
 * `form-action` too, and the right password answers 302 to the link's target, so Helmet's
 * `form-action 'self'` kept the visitor on the form. Naming the target's origin instead would
 * tell it to whoever lacks the password.
 */
export const PASSWORD_FORM_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "form-action 'self' https: http:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

export function linkPasswordForm(slug: string, source: VisitSource, problem?: string): string {
  const slugPath = `/${encodeURIComponent(slug)}`;
  const path = source === 'qr' ? qrScanUrl(slugPath) : slugPath;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Password required</title>
</head>
<body>
<main>
<h1>This link is protected</h1>
<p>${problem ? escapeHtml(problem) : 'Enter its password to continue.'}</p>
<form method="post" action="${escapeHtml(path)}">
<label>Password <input type="password" name="password" required autofocus autocomplete="current-password"></label>
<button type="submit">Continue</button>
</form>
</main>
</body>
</html>
`;
}
