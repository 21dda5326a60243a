import { LoggerService } from '@backstage/backend-plugin-api';
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { StatusStore } from '../../database';

/** Where an account's subscription secrets are kept, encrypted. */
export const storedWebhookSecretsKey = (account: string) =>
  `pagerduty:${account}:webhook-secrets`;

/** The secrets of the last few subscriptions are kept: a demo simulator starts afresh on every restart. */
const KEPT_PER_ACCOUNT = 5;

type Sealed = { v: 1; iv: string; tag: string; data: string };

/**
 * The signing secrets of the webhook subscriptions the backend created
 * itself. PagerDuty returns a secret only once, when the subscription is
 * created; every replica needs it to check signatures. With
 * `status.encryptionKey` they are kept in the database encrypted
 * (AES-256-GCM with a key derived from it); without it, only in this
 * process's memory, never in plain text at rest.
 *
 * @internal
 */
export class WebhookSecretVault {
  private readonly key?: Buffer;
  private readonly inMemory = new Map<string, string[]>();

  constructor(
    private readonly store: StatusStore,
    private readonly logger: LoggerService,
    encryptionKey?: string,
    /** Told every secret the vault reads or keeps, e.g. to redact it from logs. */
    private readonly onSecret: (secret: string) => void = () => {},
  ) {
    if (encryptionKey) {
      this.key = Buffer.from(
        hkdfSync(
          'sha256',
          encryptionKey,
          'backstage-status',
          'pagerduty-webhook-secrets',
          32,
        ),
      );
    }
  }

  /** Whether secrets survive a restart and reach other replicas. */
  get persistent(): boolean {
    return this.key !== undefined;
  }

  /** The secrets of an account's own subscriptions. */
  async list(account: string): Promise<string[]> {
    if (!this.key) return this.inMemory.get(account) ?? [];
    const stored = await this.store.getMeta(storedWebhookSecretsKey(account));
    if (!stored) return [];
    try {
      const secrets = this.open(JSON.parse(stored.value));
      secrets.forEach(this.onSecret);
      return secrets;
    } catch (error) {
      this.logger.error(
        `The stored PagerDuty webhook secrets of account ${account} cannot be decrypted (was status.encryptionKey changed?); webhooks signed with them are refused until the backend creates a new subscription: ${
          (error as Error).message
        }`,
      );
      return [];
    }
  }

  /** Keeps the secret of a subscription just created. */
  async add(account: string, secret: string): Promise<void> {
    this.onSecret(secret);
    const secrets = [...(await this.list(account)), secret].slice(
      -KEPT_PER_ACCOUNT,
    );
    if (!this.key) {
      this.inMemory.set(account, secrets);
      return;
    }
    await this.store.setMeta(
      storedWebhookSecretsKey(account),
      JSON.stringify(this.seal(secrets)),
    );
  }

  /**
   * Secrets an earlier version kept in plain text: encrypted when a key is
   * configured, otherwise moved to memory; either way gone from the table.
   */
  async migratePlainText(accounts: string[]): Promise<void> {
    for (const account of accounts) {
      const stored = await this.store.getMeta(storedWebhookSecretsKey(account));
      if (!stored) continue;
      let value: unknown;
      try {
        value = JSON.parse(stored.value);
      } catch {
        continue;
      }
      if (!Array.isArray(value)) continue;
      const secrets = value.filter((s): s is string => typeof s === 'string');
      if (this.key) {
        await this.store.setMeta(
          storedWebhookSecretsKey(account),
          JSON.stringify(this.seal(secrets)),
        );
      } else {
        this.inMemory.set(account, secrets);
        await this.store.deleteMeta(storedWebhookSecretsKey(account));
        this.logger.warn(
          `Removed the plain-text PagerDuty webhook secrets of account ${account} from the database; they are kept in memory until the backend stops. Set status.encryptionKey to keep them encrypted across restarts and replicas`,
        );
      }
    }
  }

  private seal(secrets: string[]): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key!, iv);
    const data = Buffer.concat([
      cipher.update(JSON.stringify(secrets), 'utf8'),
      cipher.final(),
    ]);
    return {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  private open(sealed: unknown): string[] {
    if (Array.isArray(sealed)) {
      throw new Error('they are in plain text; they are encrypted at start-up');
    }
    const { iv, tag, data } = sealed as Sealed;
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key!,
      Buffer.from(iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(data, 'base64')),
      decipher.final(),
    ]).toString('utf8');
    return JSON.parse(plain) as string[];
  }
}
