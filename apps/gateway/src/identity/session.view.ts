/** What register, login and refresh answer, and what `me` shows: their schemas are the API document's. */
import { z } from 'zod';

export const sessionSchema = z
  .strictObject({
    accessToken: z.string().describe('A JWT: send it as `Authorization: Bearer <token>`'),
    refreshToken: z.string().describe('Single use: POST /auth/refresh trades it for a new pair'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().describe('Seconds until the access token expires'),
  })
  .meta({
    examples: [
      {
        accessToken: 'eyJhbGciOiJIUzI1NiJ9...',
        refreshToken: 'k3Jd...',
        tokenType: 'Bearer',
        expiresIn: 900,
      },
    ],
  });

export type Session = z.infer<typeof sessionSchema>;

export const currentUserSchema = z.strictObject({
  id: z.string(),
  email: z.email(),
  role: z.enum(['user', 'admin']),
});
