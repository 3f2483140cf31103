import { NodeSelection } from '@tiptap/pm/state';
import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import { countText } from './counts';
import type { Alignment } from './official-extensions';
import { useI18n } from '../i18n';

/** A toolbar button that keeps the editor's selection (mouse down would take the focus). */
function Tool(props: {
  label: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`gz-tool${props.pressed ? ' gz-tool-on' : ''}`}
      {...(props.pressed !== undefined ? { 'aria-pressed': props.pressed } : {})}
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** The selected image, when the selection is one (a caption can be added to it). */
function selectedImage(editor: Editor): { from: number; to: number; src: string; alt: string } | null {
  const selection = editor.state.selection;
  if (!(selection instanceof NodeSelection) || selection.node.type.name !== 'image') return null;
  const { src, alt } = selection.node.attrs as { src: string; alt: string | null };
  return { from: selection.from, to: selection.to, src, alt: alt ?? '' };
}

/** Alignment (左/居中/右), first-line indent and image captions: the paragraph styles of official documents. */
export function OfficialTools({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      align:
        (e.getAttributes('paragraph')['textAlign'] as Alignment | undefined) ??
        (e.getAttributes('heading')['textAlign'] as Alignment | undefined) ??
        'left',
      indent: e.isActive('paragraph', { indent: true }),
      paragraph: e.isActive('paragraph'),
      image: selectedImage(e) !== null,
    }),
  });
  const align = (value: Alignment) =>
    editor
      .chain()
      .focus()
      .updateAttributes('paragraph', { textAlign: value })
      .updateAttributes('heading', { textAlign: value })
      .run();
  const addCaption = () => {
    const image = selectedImage(editor);
    if (image === null) return;
    const caption = window.prompt(t('editor.captionPrompt'), '');
    if (caption === null) return;
    const text = caption.trim();
    editor
      .chain()
      .focus()
      .insertContentAt(
        { from: image.from, to: image.to },
        {
          type: 'figure',
          attrs: { src: image.src, alt: image.alt },
          ...(text !== '' ? { content: [{ type: 'text', text }] } : {}),
        },
      )
      .run();
  };
  return (
    <>
      <span className="gz-tool-group" role="group" aria-label={t('editor.alignGroup')}>
        <Tool label={t('editor.alignLeft')} pressed={state.align === 'left'} onClick={() => align('left')}>
          {t('editor.alignLeftShort')}
        </Tool>
        <Tool
          label={t('editor.alignCenter')}
          pressed={state.align === 'center'}
          onClick={() => align('center')}
        >
          {t('editor.alignCenterShort')}
        </Tool>
        <Tool label={t('editor.alignRight')} pressed={state.align === 'right'} onClick={() => align('right')}>
          {t('editor.alignRightShort')}
        </Tool>
        <Tool
          label={t('editor.indent')}
          pressed={state.indent}
          disabled={!state.paragraph}
          onClick={() =>
            editor.chain().focus().updateAttributes('paragraph', { indent: !state.indent }).run()
          }
        >
          {t('editor.indentShort')}
        </Tool>
      </span>
      <span className="gz-tool-group">
        <Tool label={t('editor.captionAdd')} disabled={!state.image} onClick={addCaption}>
          {t('editor.caption')}
        </Tool>
      </span>
    </>
  );
}

/** Turns the table's first row into header cells (`th`) and back. */
export function HeaderRowTool({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const header = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const { $from } = e.state.selection;
      for (let depth = $from.depth; depth > 0; depth--) {
        const node = $from.node(depth);
        if (node.type.name === 'table') return node.firstChild?.firstChild?.type.name === 'tableHeader';
      }
      return false;
    },
  });
  return (
    <Tool
      label={t('editor.headerRow')}
      pressed={header}
      onClick={() => editor.chain().focus().toggleHeaderRow().run()}
    >
      {t('editor.headerRow')}
    </Tool>
  );
}

/** 字数 and 字符数 of the body, updated as it is typed. */
export function TextCounter({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const counts = useEditorState({
    editor,
    selector: ({ editor: e }) => countText(e.state.doc.textBetween(0, e.state.doc.content.size, '\n', ' ')),
    equalityFn: (a, b) => a.words === b?.words && a.characters === b.characters,
  });
  return (
    <p className="gz-counts" data-words={counts.words} data-characters={counts.characters}>
      <span>{t('editor.words', { n: counts.words })}</span>
      <span>{t('editor.characters', { n: counts.characters })}</span>
    </p>
  );
}

/** 在正文顶部显示封面图: off by default, the cover is for lists and the home page's picture slot. */
export function CoverInBodyField(props: {
  id: string;
  checked: boolean;
  readOnly: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="field gz-check-field">
      <input
        id={props.id}
        name="showCoverInBody"
        type="checkbox"
        checked={props.checked}
        disabled={props.readOnly}
        aria-describedby={`${props.id}-hint`}
        onChange={(event) => props.onChange(event.target.checked)}
      />{' '}
      <label htmlFor={props.id}>{t('editor.showCoverInBody')}</label>
      <p id={`${props.id}-hint`} className="hint">
        {t('editor.showCoverInBodyHint')}
      </p>
    </div>
  );
}
