import nodemailer from 'nodemailer';
import type { Mailer, OutgoingMail } from '../app/index.js';
import { noMailer } from '../app/index.js';
import { GazetteError } from '../core/index.js';

export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; null: none configured. */
  readonly url: string | null;
  /** The sender, e.g. `某某市人民政府网站 <no-reply@example.gov.cn>`. */
  readonly from: string;
  /** Accept a self-signed certificate (tests against a local server only). */
  readonly allowSelfSigned?: boolean;
}

/** The host and port of an SMTP URL, without the user name or password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'SMTP';
  }
}

/**
 * Notifications through the installation's SMTP server (nodemailer); with none configured, the mailer that
 * sends nothing and says so.
 */
export function createMailer(settings: SmtpSettings): Mailer {
  if (!settings.url) return noMailer;
  const url = new URL(settings.url);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(settings.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  });
  return {
    configured: true,
    description: describe(settings.url),
    async send(mail: OutgoingMail) {
      try {
        await transport.sendMail({
          from: settings.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
        return true;
      } catch (error) {
        throw new GazetteError(
          'GZ_MAIL_FAILED',
          error instanceof Error ? error.message : String(error),
          {},
          { cause: error },
        );
      }
    },
  };
}
