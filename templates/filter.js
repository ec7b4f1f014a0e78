// Filters results by verdict and by text in name, file or test. Without JavaScript the form stays hidden.
;(() => {
  const form = document.getElementById('filter')
  const verdict = document.getElementById('filter-verdict')
  const text = document.getElementById('filter-name')
  const count = document.getElementById('filter-count')
  const empty = document.getElementById('filter-empty')
  const cards = [...document.querySelectorAll('[data-card]')]
  const apply = () => {
    const v = verdict.value
    const q = text.value.trim().toLowerCase()
    for (const card of cards) card.hidden = (v !== '' && card.dataset.verdict !== v) || (q !== '' && !card.dataset.search.toLowerCase().includes(q))
    for (const section of document.querySelectorAll('[data-section]')) section.hidden = !section.querySelector('[data-card]:not([hidden])')
    const shown = document.querySelectorAll('article[data-card]:not([hidden])').length
    const total = document.querySelectorAll('article[data-card]').length
    count.textContent = v === '' && q === '' ? '' : `${shown} of ${total} shown`
    empty.hidden = shown > 0
  }
  form.hidden = false
  form.addEventListener('submit', (event) => event.preventDefault())
  verdict.addEventListener('change', apply)
  text.addEventListener('input', apply)
})()
