// 打印 and 分享 on an article. Without this script both still work: 打印 explains Ctrl+P and 分享 shows the
// link to copy by hand and the QR code. With it, 打印 opens the print dialog and 复制链接 copies the link.
(() => {
  'use strict';
  const print = document.querySelector('[data-print]');
  if (print && typeof window.print === 'function') {
    print.addEventListener('click', (event) => {
      event.preventDefault();
      window.print();
    });
  }
  const copy = document.querySelector('.copy-link[data-copy]');
  const status = document.querySelector('.copy-status');
  if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    copy.hidden = false;
    copy.addEventListener('click', () => {
      navigator.clipboard.writeText(copy.getAttribute('data-copy') || '').then(
        () => {
          if (status) status.textContent = '链接已复制';
        },
        () => {
          if (status) status.textContent = '未能复制，请选中链接后按 Ctrl+C';
        },
      );
    });
  }
})();
