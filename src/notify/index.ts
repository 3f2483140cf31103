export { createMailer, type SmtpSettings } from './mailer.js';
