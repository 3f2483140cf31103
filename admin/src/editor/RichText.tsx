import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { errorText, useI18n } from '../i18n';
import { cleanPastedHtml } from './clean-paste';
import { Figure, ParagraphStyle } from './official-extensions';
import { HeaderRowTool, OfficialTools, TextCounter } from './official-tools';
import { uploadMedia } from './media';
import { findInDoc } from './text-offsets';

/** What the page may ask of the body editor. */
export interface RichTextHandle {
  /** Selects the finding's excerpt and scrolls to it; false when the text no longer holds it. */
  select(excerpt: string, start: number): boolean;
  /** Replaces the whole content (after loading another version); not an undoable edit. */
  setContent(html: string): void;
  /** Appends HTML at the end of the body (attachments). */
  append(html: string): void;
  /** Replaces the finding's excerpt with plain text (a mask, the correct form); an undoable edit. */
  replace(excerpt: string, start: number, text: string): boolean;
}

interface Props {
  readonly initialHtml: string;
  readonly editable: boolean;
  readonly onChange: (html: string) => void;
  readonly siteId: number;
  readonly handle: Ref<RichTextHandle>;
}

/**
 * The body editor: TipTap with the formats the server keeps (src/app/sanitize.ts): headings 2–4 (the page's
 * h1 is the title), bold, italic, lists, quotes, rules, links, tables and images with alt text, and the
 * official-document styles (official-extensions.ts): alignment, first-line indent, captions, header rows.
 * Pasted HTML is cleaned first (clean-paste.ts).
 */
export function RichText({ initialHtml, editable, onChange, siteId, handle }: Props) {
  const { t } = useI18n();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        underline: false,
        strike: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ['http', 'https', 'mailto', 'tel'],
          HTMLAttributes: { rel: null, target: null },
        },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Table.configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
      ParagraphStyle,
      Figure,
    ],
    content: initialHtml,
    editable,
    immediatelyRender: true,
    // Its base styles are in editor.css: an injected <style> element is refused by the admin's CSP.
    injectCSS: false,
    editorProps: {
      transformPastedHTML: cleanPastedHtml,
      attributes: {
        class: 'gz-prose',
        'aria-label': t('editor.body'),
        'aria-multiline': 'true',
        role: 'textbox',
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.isEmpty ? '' : current.getHTML()),
  });

  useEffect(() => {
    // No update event: switching to read-only is not an edit (it would mark the article changed).
    editor.setEditable(editable, false);
  }, [editor, editable]);

  useImperativeHandle(
    handle,
    () => ({
      select(excerpt, start) {
        const range = findInDoc(editor.state.doc, excerpt, start);
        if (range === null) return false;
        editor.chain().focus().setTextSelection(range).scrollIntoView().run();
        return true;
      },
      setContent(html) {
        editor.commands.setContent(html, { emitUpdate: false });
      },
      replace(excerpt, start, text) {
        const range = findInDoc(editor.state.doc, excerpt, start);
        if (range === null) return false;
        // A text node keeps the marks around it (bold stays bold) and is never parsed as HTML.
        const marks = editor.state.doc
          .resolve(range.from + 1)
          .marks()
          .map((mark) => mark.toJSON() as NonNullable<JSONContent['marks']>[number]);
        const node: JSONContent = { type: 'text', text, ...(marks.length > 0 ? { marks } : {}) };
        editor.chain().focus().insertContentAt(range, node).scrollIntoView().run();
        return true;
      },
      append(html) {
        editor.chain().focus('end').insertContentAt(editor.state.doc.content.size, html).run();
      },
    }),
    [editor],
  );

  return (
    <div className="gz-richtext">
      {editable ? <Toolbar editor={editor} siteId={siteId} /> : null}
      <EditorContent editor={editor} />
      <TextCounter editor={editor} />
    </div>
  );
}

function Toolbar({ editor, siteId }: { editor: Editor; siteId: number }) {
  const { t } = useI18n();
  const [imageOpen, setImageOpen] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      block: e.isActive('heading', { level: 2 })
        ? 'h2'
        : e.isActive('heading', { level: 3 })
          ? 'h3'
          : e.isActive('heading', { level: 4 })
            ? 'h4'
            : 'p',
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggle = (label: string, active: boolean, run: () => void, text: string, disabled = false) => (
    <button
      type="button"
      className={`gz-tool${active ? ' gz-tool-on' : ''}`}
      aria-pressed={active}
      aria-label={label}
      title={label}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  const editLink = () => {
    const previous = (editor.getAttributes('link')['href'] as string | undefined) ?? '';
    const href = window.prompt(t('editor.linkPrompt'), previous);
    if (href === null) return;
    if (href.trim() === '') {
      chain().extendMarkRange('link').unsetLink().run();
      return;
    }
    if (!/^(https?:\/\/|mailto:|tel:)/i.test(href.trim())) {
      window.alert(t('editor.linkInvalid'));
      return;
    }
    chain().extendMarkRange('link').setLink({ href: href.trim() }).run();
  };
  return (
    <div className="gz-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <select
        aria-label={t('editor.paragraph')}
        value={state.block}
        onChange={(event) => {
          const value = event.target.value;
          if (value === 'p') chain().setParagraph().run();
          else
            chain()
              .setHeading({ level: Number(value.slice(1)) as 2 | 3 | 4 })
              .run();
        }}
      >
        <option value="p">{t('editor.paragraph')}</option>
        <option value="h2">{t('editor.heading', { level: 2 })}</option>
        <option value="h3">{t('editor.heading', { level: 3 })}</option>
        <option value="h4">{t('editor.heading', { level: 4 })}</option>
      </select>
      <span className="gz-tool-group">
        {toggle(t('editor.bold'), state.bold, () => chain().toggleBold().run(), 'B')}
        {toggle(t('editor.italic'), state.italic, () => chain().toggleItalic().run(), 'I')}
      </span>
      <span className="gz-tool-group">
        {toggle(t('editor.bulletList'), state.bulletList, () => chain().toggleBulletList().run(), '• ≡')}
        {toggle(t('editor.orderedList'), state.orderedList, () => chain().toggleOrderedList().run(), '⒈ ≡')}
        {toggle(t('editor.blockquote'), state.blockquote, () => chain().toggleBlockquote().run(), '❝')}
        {toggle(t('editor.horizontalRule'), false, () => chain().setHorizontalRule().run(), '―')}
      </span>
      <OfficialTools editor={editor} />
      <span className="gz-tool-group">
        {toggle(t('editor.link'), state.link, editLink, t('editor.link'))}
        {toggle(t('editor.image'), false, () => setImageOpen(true), t('editor.image'))}
        {toggle(
          t('editor.insertTable'),
          false,
          () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
          t('editor.table'),
          state.inTable,
        )}
      </span>
      {state.inTable ? (
        <span className="gz-tool-group" aria-label={t('editor.table')}>
          {toggle(t('editor.addRowAfter'), false, () => chain().addRowAfter().run(), t('editor.addRowAfter'))}
          {toggle(t('editor.deleteRow'), false, () => chain().deleteRow().run(), t('editor.deleteRow'))}
          {toggle(
            t('editor.addColumnAfter'),
            false,
            () => chain().addColumnAfter().run(),
            t('editor.addColumnAfter'),
          )}
          {toggle(
            t('editor.deleteColumn'),
            false,
            () => chain().deleteColumn().run(),
            t('editor.deleteColumn'),
          )}
          {toggle(t('editor.deleteTable'), false, () => chain().deleteTable().run(), t('editor.deleteTable'))}
          <HeaderRowTool editor={editor} />
        </span>
      ) : null}
      <span className="gz-tool-group">
        {toggle(t('editor.undo'), false, () => chain().undo().run(), '↶', !state.canUndo)}
        {toggle(t('editor.redo'), false, () => chain().redo().run(), '↷', !state.canRedo)}
      </span>
      {imageOpen ? (
        <ImageDialog
          siteId={siteId}
          onClose={() => setImageOpen(false)}
          onInsert={(src, alt) => {
            chain().setImage({ src, alt }).run();
            setImageOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** Upload an image with its alt text: both are required, the alt text for readers who cannot see it. */
function ImageDialog(props: {
  siteId: number;
  onClose: () => void;
  onInsert: (src: string, alt: string) => void;
}) {
  const { lang, t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) return setError(t('editor.imageFileRequired'));
    if (alt.trim() === '') return setError(t('editor.imageAltRequired'));
    setBusy(true);
    setError(null);
    try {
      const media = await uploadMedia(file, alt.trim(), props.siteId);
      props.onInsert(media.url, alt.trim());
    } catch (failure) {
      setError(errorText(failure, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="gz-dialog" aria-labelledby={`${id}-title`} onCancel={props.onClose}>
      <form
        method="dialog"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id={`${id}-title`}>{t('editor.imageDialog')}</h2>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('editor.imageFile')}</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept="image/jpeg,image/png,image/gif,image/webp"
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-alt`}>{t('editor.imageAlt')}</label>
          <input
            id={`${id}-alt`}
            value={alt}
            onChange={(event) => setAlt(event.target.value)}
            required
            maxLength={300}
          />
        </div>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="gz-dialog-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('editor.uploading') : t('editor.insert')}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            {t('editor.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
