// A delegate's stars without leaving the page: the star's own form post,
// sent with fetch and answered in JSON. Where anything fails, the form is
// posted as without script.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('star')) return;
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(String(response.status));
    const answer = await response.json();
    form.dataset.starred = String(answer.starred);
    form.elements.starred.value = answer.starred ? 'off' : 'on';
    button.textContent = answer.starred ? form.dataset.remove : form.dataset.add;
    button.disabled = false;
  } catch {
    form.submit();
  }
});
