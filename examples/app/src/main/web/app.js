'use strict';
// Highlights a table row when it is clicked, and remembers the last choice.
document.addEventListener('DOMContentLoaded', () => {
  const rows = document.querySelectorAll('#catalogue tbody tr');
  const remembered = localStorage.getItem('selected-row');
  rows.forEach((row, index) => {
    row.classList.add('row-' + (index + 1));
    if (String(index) === remembered) {
      row.classList.add('selected');
    }
    row.addEventListener('click', () => {
      rows.forEach(other => other.classList.remove('selected'));
      row.classList.add('selected');
      localStorage.setItem('selected-row', String(index));
    });
  });
});
