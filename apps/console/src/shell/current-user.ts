/** Who is signed in, as GET /auth/me says: the role decides whether the catalog pages show. */
export interface CurrentUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
}
