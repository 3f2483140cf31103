// 朗读全文: reads the article aloud with the browser's own speech synthesis (no service, no tracking).
// Progressive enhancement: where speech synthesis is missing the button stays hidden and the page is complete.
(() => {
  'use strict';
  const button = document.querySelector('[data-read-aloud]');
  if (!button || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== 'function') return;
  const synth = window.speechSynthesis;
  const startLabel = button.textContent;
  const stopLabel = button.getAttribute('data-stop-label') || '停止朗读';

  // Chromium stops long utterances after about 15 seconds: speak sentence groups of modest length.
  const chunks = (text) => {
    const sentences = text.split(/(?<=[。！？；!?;\n])/);
    const out = [];
    let current = '';
    for (const sentence of sentences) {
      if (current.length + sentence.length > 160 && current.trim()) {
        out.push(current.trim());
        current = '';
      }
      current += sentence;
    }
    if (current.trim()) out.push(current.trim());
    return out;
  };

  const voice = () => synth.getVoices().find((v) => /^zh(-|_)?(CN|Hans)?/i.test(v.lang)) || null;

  const setSpeaking = (speaking) => {
    button.textContent = speaking ? stopLabel : startLabel;
    button.setAttribute('aria-pressed', speaking ? 'true' : 'false');
  };

  const readable = () =>
    [...document.querySelectorAll('[data-read-aloud-text]')].map((el) => el.innerText).join('\n');

  button.addEventListener('click', () => {
    if (synth.speaking || synth.pending) {
      synth.cancel();
      setSpeaking(false);
      return;
    }
    const parts = chunks(readable());
    if (parts.length === 0) return;
    const chosen = voice();
    parts.forEach((part, i) => {
      const utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = document.documentElement.lang || 'zh-CN';
      if (chosen) utterance.voice = chosen;
      utterance.rate = 0.9;
      if (i === parts.length - 1) utterance.addEventListener('end', () => setSpeaking(false));
      utterance.addEventListener('error', () => setSpeaking(false));
      synth.speak(utterance);
    });
    setSpeaking(true);
  });

  window.addEventListener('pagehide', () => synth.cancel());
  setSpeaking(false);
  button.hidden = false;
})();
