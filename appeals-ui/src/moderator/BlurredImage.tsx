import { useEffect, useState } from 'react';
import { useApi } from '../auth/AuthContext';

/**
 * Case media for reviewer wellness: blurred and greyscale until the reviewer chooses to look (click,
 * Enter or Space); the bytes come with the reviewer's token, so the image is loaded as an object URL.
 */
export function BlurredImage({ src, alt }: { src: string; alt: string }) {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [revealed, setRevealed] = useState(false);

  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    api.objectUrl(src).then(
      (u) => {
        objectUrl = u;
        if (live) setUrl(u);
        else URL.revokeObjectURL(u);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, src]);

  if (failed) return <p className="muted">The image could not be loaded.</p>;
  return (
    <button
      type="button"
      className={`media ${revealed ? 'revealed' : 'blurred'}`}
      aria-pressed={revealed}
      aria-label={revealed ? `Hide image: ${alt}` : `Reveal image: ${alt}`}
      onClick={() => setRevealed((r) => !r)}
      data-testid="case-media"
    >
      {url ? <img src={url} alt={revealed ? alt : ''} /> : <span className="muted">Loading image…</span>}
      {!revealed && <span className="media-hint">Image hidden — click or press Enter to reveal</span>}
    </button>
  );
}
