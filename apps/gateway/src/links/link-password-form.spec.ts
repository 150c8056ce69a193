import { describe, expect, it } from 'vitest';
import { linkPasswordForm } from './link-password-form';

describe('linkPasswordForm', () => {
  it('posts the password back to the link, with no script', () => {
    const html = linkPasswordForm('my-link', 'direct');
    expect(html).toContain('<form method="post" action="/my-link">');
    expect(html).toContain('<input type="password" name="password"');
    expect(html).not.toContain('<script');
  });

  it("keeps a QR scan's flag, so the unlocked visit counts as a scan", () => {
    expect(linkPasswordForm('my-link', 'qr')).toContain('action="/my-link?qr=1"');
  });

  it('escapes what it shows', () => {
    const html = linkPasswordForm('a"b', 'direct', '<img src=x onerror=alert(1)>');
    expect(html).toContain('action="/a%22b"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});
