'use strict';
// Up and down buttons beside each credit's billing order (films/admin.py CreditInline): a move
// renumbers that role's rows in their new order. Without it, typing the numbers does the same.
{
    const ROWS = '#credits-group tr.form-row:not(.empty-form)';

    function roleOf(row) {
        return row.querySelector('select[name$="-role"]')?.value;
    }

    function hasPerson(row) {
        return Boolean(row.querySelector('select[name$="-person"]')?.value);
    }

    function renumber(role) {
        const rows = [...document.querySelectorAll(ROWS)];
        rows.filter((row) => roleOf(row) === role && hasPerson(row)).forEach((row, index) => {
            row.querySelector('input[name$="-order"]').value = index + 1;
        });
    }

    function move(row, step) {
        const rows = [...document.querySelectorAll(ROWS)].filter((r) => roleOf(r) === roleOf(row));
        const other = rows[rows.indexOf(row) + step];
        if (!other) {
            return;
        }
        other.insertAdjacentElement(step < 0 ? 'beforebegin' : 'afterend', row);
        renumber(roleOf(row));
        row.querySelector(`button[data-step="${step}"]`).focus();
    }

    function addButtons(row) {
        const cell = row.querySelector('td.field-order');
        if (!cell || cell.querySelector('.credit-move')) {
            return;
        }
        for (const [step, label, arrow] of [[-1, 'Bill earlier', '↑'], [1, 'Bill later', '↓']]) {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'credit-move';
            button.dataset.step = step;
            button.title = label;
            button.setAttribute('aria-label', label);
            button.textContent = arrow;
            button.addEventListener('click', () => move(row, step));
            cell.append(button);
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        document.querySelectorAll(ROWS).forEach(addButtons);
    });
    document.addEventListener('formset:added', (event) => {
        if (event.detail?.formsetName === 'credits') {
            addButtons(event.target);
        }
    });
}
