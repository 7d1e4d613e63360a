/* checklist.js — keeps the ticks of a procedure's document checklist on
 * the device (templates/procedure.mustache). The boxes are plain
 * checkboxes and work without this script; with it, each change is saved
 * in localStorage under "motcua-checklist:" + the procedure's URL (the
 * list's data-checklist), as the ids of the ticked boxes, and restored on
 * the next visit. A citizen can clear them all. Where storage is refused
 * (private mode, full), the boxes still work for the visit. No network. */
(function () {
  'use strict';
  var lists = document.querySelectorAll('ul[data-checklist]');
  for (var i = 0; i < lists.length; i++) keep(lists[i]);

  function keep(list) {
    var key = 'motcua-checklist:' + list.getAttribute('data-checklist');
    var boxes = list.querySelectorAll('input[type=checkbox]');
    var note = list.nextElementSibling;
    var store;
    try {
      store = window.localStorage;
      var saved = JSON.parse(store.getItem(key) || '[]');
      for (var k = 0; k < boxes.length; k++) boxes[k].checked = saved.indexOf(boxes[k].id) >= 0;
    } catch (e) {
      store = null;
    }
    if (!store) return;
    function save() {
      var ticked = [];
      for (var k = 0; k < boxes.length; k++) if (boxes[k].checked) ticked.push(boxes[k].id);
      try {
        if (ticked.length) store.setItem(key, JSON.stringify(ticked));
        else store.removeItem(key);
      } catch (e) { /* full or refused: the ticks stay for this visit */ }
    }
    list.addEventListener('change', save);
    if (note && note.classList.contains('checklist-saved')) {
      note.hidden = false;
      var clear = note.querySelector('.checklist-clear');
      if (clear) clear.addEventListener('click', function () {
        for (var k = 0; k < boxes.length; k++) boxes[k].checked = false;
        save();
        if (boxes.length) boxes[0].focus();
      });
    }
  }
})();
