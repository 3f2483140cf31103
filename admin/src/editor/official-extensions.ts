import { Extension, Node, mergeAttributes } from '@tiptap/core';

/**
 * The paragraph styles of an official document, stored as the classes the server keeps
 * (src/app/sanitize.ts) and the theme styles: `align-center` / `align-right` on paragraphs and headings
 * (a 落款 and its date are right-aligned), `indent-2` on paragraphs (首行缩进两字). Left is the default
 * and writes no class; indent is a style of the paragraph, never leading spaces.
 */
export type Alignment = 'left' | 'center' | 'right';

export const ParagraphStyle = Extension.create({
  name: 'paragraphStyle',

  addGlobalAttributes() {
    return [
      {
        types: ['paragraph', 'heading'],
        attributes: {
          textAlign: {
            default: 'left',
            parseHTML: (element: HTMLElement): Alignment =>
              element.classList.contains('align-center')
                ? 'center'
                : element.classList.contains('align-right')
                  ? 'right'
                  : 'left',
            renderHTML: (attributes: Record<string, unknown>) =>
              attributes['textAlign'] === 'center' || attributes['textAlign'] === 'right'
                ? { class: `align-${attributes['textAlign']}` }
                : {},
          },
        },
      },
      {
        types: ['paragraph'],
        attributes: {
          indent: {
            default: false,
            parseHTML: (element: HTMLElement) => element.classList.contains('indent-2'),
            renderHTML: (attributes: Record<string, unknown>) =>
              attributes['indent'] === true ? { class: 'indent-2' } : {},
          },
        },
      },
    ];
  },
});

/**
 * An image with its caption (图注): `<figure><img src alt><figcaption>…</figcaption></figure>`. The
 * caption is the node's text, edited in place; the image's address and alt text are attributes.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'text*',
  marks: '',
  draggable: true,
  isolating: true,
  defining: true,

  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        contentElement: 'figcaption',
        getAttrs: (element: HTMLElement) => {
          const img = element.querySelector('img');
          const src = img?.getAttribute('src');
          if (!src || element.querySelector('figcaption') === null) return false;
          return { src, alt: img?.getAttribute('alt') ?? '' };
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    const { src, alt, ...rest } = HTMLAttributes as { src: string; alt: string };
    return ['figure', mergeAttributes(rest), ['img', { src, alt }], ['figcaption', 0]];
  },
});
