document.querySelector('h1').textContent += ' (from a .gz sibling)';
