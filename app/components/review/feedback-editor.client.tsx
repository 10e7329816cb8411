/**
 * The overall-feedback editor (tiptap), browser only: the server build sees an empty module
 * and feedback-editor.tsx shows a placeholder until this chunk has loaded. It offers exactly
 * what the stored document's schema admits (feedback-document.ts): paragraphs, headings
 * (levels 2 and 3), bullet and numbered lists, bold, italic and http(s)/mailto links.
 * Ctrl/Cmd+B and Ctrl/Cmd+I work as tiptap defines them; Ctrl/Cmd+K opens the link prompt.
 */
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import type { FeedbackEditorProps } from "./feedback-editor-types";
import { normaliseLinkInput } from "./link-input";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function initialContent(value: FeedbackDocument): JSONContent | undefined {
  // An empty document is not a valid ProseMirror doc (it needs one block): start blank.
  return value.content.length > 0 ? value : undefined;
}

export default function FeedbackEditorClient({ value, onChange, onBlur, labelledBy, describedBy }: FeedbackEditorProps) {
  const onChangeRef = useRef(onChange);
  const onBlurRef = useRef(onBlur);
  useEffect(() => {
    onChangeRef.current = onChange;
    onBlurRef.current = onBlur;
  });
  const [linkOpen, setLinkOpen] = useState(false);

  const editor = useEditor({
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        blockquote: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        underline: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: "https",
          protocols: ["mailto"],
          isAllowedUri: (url, { defaultValidate }) => SAFE_LINK.test(url) && defaultValidate(url),
          HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
        },
      }),
    ],
    content: initialContent(value),
    editorProps: {
      attributes: {
        class: "feedback-editor__content",
        role: "textbox",
        "aria-multiline": "true",
        ...(labelledBy ? { "aria-labelledby": labelledBy } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
          event.preventDefault();
          setLinkOpen(true);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => onChangeRef.current(current.getJSON() as FeedbackDocument),
    onBlur: () => onBlurRef.current?.(),
  });

  if (!editor) return <p className="feedback-editor__loading">Loading editor…</p>;
  return (
    <>
      <Toolbar editor={editor} linkOpen={linkOpen} onLink={() => setLinkOpen((open) => !open)} />
      {linkOpen ? <LinkPrompt editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      <EditorContent editor={editor} />
    </>
  );
}

function Toolbar({ editor, linkOpen, onLink }: { editor: Editor; linkOpen: boolean; onLink: () => void }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
    }),
  });
  const run = (command: (chain: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>) => command(editor.chain().focus()).run();
  return (
    <div className="feedback-editor__toolbar" role="toolbar" aria-label="Formatting">
      <ToolButton label="Heading" pressed={active.h2} onClick={() => run((c) => c.toggleHeading({ level: 2 }))}>
        H2
      </ToolButton>
      <ToolButton label="Subheading" pressed={active.h3} onClick={() => run((c) => c.toggleHeading({ level: 3 }))}>
        H3
      </ToolButton>
      <span className="feedback-editor__separator" aria-hidden="true" />
      <ToolButton label="Bold" shortcut="Control+B" pressed={active.bold} onClick={() => run((c) => c.toggleBold())}>
        <strong>B</strong>
      </ToolButton>
      <ToolButton label="Italic" shortcut="Control+I" pressed={active.italic} onClick={() => run((c) => c.toggleItalic())}>
        <em>I</em>
      </ToolButton>
      <span className="feedback-editor__separator" aria-hidden="true" />
      <ToolButton label="Bulleted list" pressed={active.bullet} onClick={() => run((c) => c.toggleBulletList())}>
        •&#8239;List
      </ToolButton>
      <ToolButton label="Numbered list" pressed={active.ordered} onClick={() => run((c) => c.toggleOrderedList())}>
        1.&#8239;List
      </ToolButton>
      <span className="feedback-editor__separator" aria-hidden="true" />
      <ToolButton label="Link" shortcut="Control+K" pressed={active.link || linkOpen} onClick={onLink}>
        Link
      </ToolButton>
    </div>
  );
}

function ToolButton({ label, shortcut, pressed, onClick, children }: { label: string; shortcut?: string; pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="feedback-editor__tool"
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replace("Control", "Ctrl")})` : label}
      // Keep the editor's selection: the toolbar acts on it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The small prompt for a link's address: Enter applies, Esc cancels, "Remove link" unlinks. */
function LinkPrompt({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const id = useId();
  const current = editor.getAttributes("link") as { href?: unknown };
  const [address, setAddress] = useState(typeof current.href === "string" ? current.href : "");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function close() {
    onClose();
    editor.commands.focus();
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const link = normaliseLinkInput(address);
    if (!link.ok) {
      setError(link.message);
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: link.href.replace(/^mailto:/i, ""), marks: [{ type: "link", attrs: { href: link.href } }] }).run();
    } else {
      chain.extendMarkRange("link").setLink({ href: link.href }).run();
    }
    onClose();
  }

  function unlink() {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  // A div, not a form: it sits inside the page's own forms.
  return (
    <div className="feedback-editor__link" role="group" aria-labelledby={`${id}-label`} onKeyDown={onKeyDown}>
      <label id={`${id}-label`} htmlFor={`${id}-input`}>
        Link address
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        inputMode="url"
        value={address}
        placeholder="https://example.com"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setAddress(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply(event);
        }}
      />
      <button type="button" className="button button--small button--primary" onClick={apply}>
        Apply
      </button>
      {editor.isActive("link") ? (
        <button type="button" className="button button--small" onClick={unlink}>
          Remove link
        </button>
      ) : null}
      <button type="button" className="button button--small button--quiet" onClick={close}>
        Cancel
      </button>
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
