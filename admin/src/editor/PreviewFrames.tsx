import { useI18n } from '../i18n';

/**
 * The same preview twice, side by side: at the desktop width the dialog allows and at a phone's 375 px
 * (the theme's narrow layout), so that the editor sees both before publishing.
 */
export function PreviewFrames(props: { title: string; src?: string | undefined; srcDoc: string }) {
  const { t } = useI18n();
  const source = props.src !== undefined ? { src: props.src } : { srcDoc: props.srcDoc };
  return (
    <div className="gz-preview-frames">
      <figure className="gz-preview-pane gz-preview-desktop">
        <figcaption>{t('editor.desktopPreview')}</figcaption>
        <iframe
          title={t('app.pair', { label: props.title, value: t('editor.desktopPreview') })}
          className="gz-preview-frame"
          sandbox="allow-same-origin"
          {...source}
        />
      </figure>
      <figure className="gz-preview-pane gz-preview-phone">
        <figcaption>{t('editor.phonePreview')}</figcaption>
        <iframe
          title={t('app.pair', { label: props.title, value: t('editor.phonePreview') })}
          className="gz-preview-frame-phone"
          sandbox="allow-same-origin"
          width={375}
          {...source}
        />
      </figure>
    </div>
  );
}
