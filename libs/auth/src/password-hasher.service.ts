/**
 * Password hashing with argon2id (memory-hard; the `argon2` package's defaults: 64 MiB, 3 passes,
 * 4 lanes). `verifyUnknown` spends the same work on a login for an email that has no account,
 * so the answer's timing does not tell which emails are registered.
 */
import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';
import { randomUUID } from 'node:crypto';

@Injectable()
export class PasswordHasher {
  /** A hash of a random password, computed once, to verify against when no account exists. */
  private readonly decoy = hash(randomUUID(), { type: argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return verify(passwordHash, password);
  }

  /** Always false, after as much work as `verify`. */
  async verifyUnknown(password: string): Promise<false> {
    await verify(await this.decoy, password);
    return false;
  }
}
