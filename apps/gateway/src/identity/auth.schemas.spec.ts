import { describe, expect, it } from 'vitest';
import { loginSchema, refreshTokenSchema, registerSchema } from './auth.schemas';

describe('auth schemas', () => {
  it('trims and lower-cases emails', () => {
    const parsed = registerSchema.parse({ email: '  Ann@Example.COM ', password: 'x'.repeat(10) });
    expect(parsed.email).toBe('ann@example.com');
  });

  it('bounds new passwords to 10..256 characters, but not what login accepts', () => {
    const register = (password: string) =>
      registerSchema.safeParse({ email: 'a@b.io', password }).success;
    expect([9, 10, 256, 257].map((length) => register('p'.repeat(length)))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(loginSchema.safeParse({ email: 'a@b.io', password: 'short' }).success).toBe(true);
    expect(loginSchema.safeParse({ email: 'a@b.io', password: '' }).success).toBe(false);
  });

  it('refuses extra keys, prototype keys and non-objects', () => {
    const body = { email: 'a@b.io', password: 'p'.repeat(12) };
    expect(registerSchema.safeParse({ ...body, role: 'admin' }).success).toBe(false);
    expect(
      registerSchema.safeParse(
        JSON.parse(`{"__proto__":{"role":"admin"},"email":"a@b.io","password":"pppppppppppp"}`),
      ).success,
    ).toBe(false);
    expect(registerSchema.safeParse([body]).success).toBe(false);
  });

  it('accepts refresh tokens of the issued shape only', () => {
    expect(refreshTokenSchema.safeParse({ refreshToken: 'A'.repeat(43) }).success).toBe(true);
    for (const refreshToken of ['A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, 42]) {
      expect(refreshTokenSchema.safeParse({ refreshToken }).success).toBe(false);
    }
  });
});
