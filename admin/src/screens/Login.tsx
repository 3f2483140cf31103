import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, setCsrfToken, type ApiError } from '../api';
import { useI18n } from '../i18n';
import { useSession, type SessionView, type SignInStep } from '../session';
import { qrSvg } from '../../../src/render/qr-svg';
import { ErrorNotice, LanguageSwitch, TextField, useAction } from '../ui';

/** The sign-in card: one step at a time, in the order the server asks for them. */
function Card({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login-page">
      <main className="login-card" id="main">
        <div className="login-brand">
          <span>{t('app.title')}</span>
          <LanguageSwitch className="link-button" />
        </div>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

type StepAnswer = { step: SignInStep };

function PasswordStep({ problem }: { problem: ApiError | null }) {
  const { t } = useI18n();
  const { advance } = useSession();
  const action = useAction();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const view = await action.run(() => api.post<SessionView>('/session', { username, password }));
    if (!view) return;
    setCsrfToken(view.csrfToken);
    await advance(view);
  };
  return (
    <Card title={t('login.title')}>
      {!action.failure ? <ErrorNotice error={problem} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNotice error={action.anyError} />
        <TextField
          label={t('login.username')}
          name="username"
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="primary wide" type="submit" disabled={action.busy || !username || !password}>
          {t('login.submit')}
        </button>
      </form>
    </Card>
  );
}

function TotpStep() {
  const { t } = useI18n();
  const { advance, signOut } = useSession();
  const action = useAction();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = recovery ? { recoveryCode: code.trim() } : { code: code.replace(/\s/g, '') };
    const answer = await action.run(() => api.post<StepAnswer>('/session/totp', body));
    if (answer) await advance(answer);
  };
  return (
    <Card title={t('login.totpTitle')}>
      <p>{recovery ? null : t('login.totpHelp')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNotice error={action.error} />
        <TextField
          key={recovery ? 'recovery' : 'code'}
          label={recovery ? t('login.recoveryCode') : t('login.code')}
          name={recovery ? 'recoveryCode' : 'code'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          error={action.fieldError(recovery ? 'recoveryCode' : 'code')}
          onChange={(e) => setCode(e.target.value)}
        />
        <button className="primary wide" type="submit" disabled={action.busy || !code}>
          {t('login.verify')}
        </button>
      </form>
      <p className="login-links">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            action.clear();
          }}
        >
          {recovery ? t('login.useCode') : t('login.useRecovery')}
        </button>
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('common.cancel')}
        </button>
      </p>
    </Card>
  );
}

/** The password rule as the server states and enforces it (`GET /password-policy`). */
interface PasswordRule {
  readonly minLength: number;
  readonly zh: string;
  readonly en: string;
}

function ChangePasswordStep() {
  const { t, lang } = useI18n();
  const { advance } = useSession();
  const action = useAction();
  const [rule, setRule] = useState<PasswordRule | null>(null);
  useEffect(() => {
    let live = true;
    api.get<PasswordRule>('/password-policy').then(
      (answer) => live && setRule(answer),
      // Without it the form still works: the server names what a refused password lacks.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    const answer = await action.run(() =>
      api.post<StepAnswer>('/session/password', { newPassword: password }),
    );
    if (answer) await advance(answer);
  };
  return (
    <Card title={t('login.changeTitle')}>
      <p>{t('login.changeHelp')}</p>
      {rule ? (
        <p className="password-rule">
          {t('login.passwordRule', { rule: lang === 'zh' ? rule.zh : rule.en })}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNotice error={action.error} />
        <TextField
          label={t('login.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          error={action.fieldError('newPassword')}
          onChange={(e) => setPassword(e.target.value)}
        />
        <TextField
          label={t('login.repeatPassword')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          error={mismatch ? t('login.mismatch') : undefined}
          onChange={(e) => setRepeat(e.target.value)}
        />
        <button className="primary wide" type="submit" disabled={action.busy || !password}>
          {t('common.save')}
        </button>
      </form>
    </Card>
  );
}

/** Groups a base32 secret in fours, as people copy it by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

function EnrolStep() {
  const { t } = useI18n();
  const { advance } = useSession();
  const start = useAction();
  const confirm = useAction();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = start.run;
  useEffect(() => {
    void begin(() => api.post<{ secret: string; otpauthUri: string }>('/session/totp/enrol', {})).then(
      (answer) => answer && setEnrolment(answer),
    );
  }, [begin]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await confirm.run(() =>
      api.post<{ step: SignInStep; recoveryCodes: string[] }>('/session/totp/confirm', {
        code: code.replace(/\s/g, ''),
      }),
    );
    if (answer) setCodes(answer.recoveryCodes);
  };
  if (codes) {
    return (
      <Card title={t('login.recoveryTitle')}>
        <p>{t('login.recoveryHelp')}</p>
        <ol className="recovery-codes" aria-label={t('login.recoveryTitle')}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <p className="button-row">
          <button type="button" onClick={() => window.print()}>
            {t('login.print')}
          </button>
          <button type="button" className="primary" onClick={() => void advance()}>
            {t('login.recoveryDone')}
          </button>
        </p>
      </Card>
    );
  }
  return (
    <Card title={t('login.enrolTitle')}>
      <p>{t('login.enrolHelp')}</p>
      <ErrorNotice error={start.anyError} />
      {enrolment ? (
        <div className="enrol-secret">
          <p className="label">{t('login.scan')}</p>
          <div
            className="enrol-qr"
            // Drawn here from the otpauth URI the server sent (qr-svg.ts): no image from anywhere else.
            dangerouslySetInnerHTML={{ __html: qrSvg(enrolment.otpauthUri, t('login.qrLabel'), 200) }}
          />
          <p className="label">{t('login.secret')}</p>
          <p>
            <code className="secret" data-secret={enrolment.secret}>
              {grouped(enrolment.secret)}
            </code>
          </p>
          <p>
            <a href={enrolment.otpauthUri}>{t('login.otpauth')}</a>
          </p>
          <p className="hint otpauth-uri">{enrolment.otpauthUri}</p>
        </div>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorNotice error={confirm.error} />
        <TextField
          label={t('login.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          error={confirm.fieldError('code')}
          onChange={(e) => setCode(e.target.value)}
        />
        <button className="primary wide" type="submit" disabled={confirm.busy || !code || !enrolment}>
          {t('login.verify')}
        </button>
      </form>
    </Card>
  );
}

export function SignIn({ step, problem }: { step: SignInStep | null; problem: ApiError | null }) {
  switch (step) {
    case 'totp':
      return <TotpStep />;
    case 'change-password':
      return <ChangePasswordStep />;
    case 'enrol-totp':
      return <EnrolStep />;
    case null:
    case 'done':
      return <PasswordStep problem={problem} />;
  }
}
