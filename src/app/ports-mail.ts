/** A message Gazette sends (a reply was published, …): plain text. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends notifications; when the installation configured no SMTP server, nothing is sent. */
export interface Mailer {
  /** Whether an SMTP server is configured (the admin shows it). */
  readonly configured: boolean;
  /** For the admin: the server (host and port, never the password), or why nothing is sent. */
  readonly description: string;
  /** Sends the message; false when no server is configured. Throws `GZ_MAIL_FAILED` if the server refused. */
  send(mail: OutgoingMail): Promise<boolean>;
}

export const noMailer: Mailer = {
  configured: false,
  description: '未配置发信服务器（GAZETTE_SMTP_URL），不发送邮件',
  send: () => Promise.resolve(false),
};
