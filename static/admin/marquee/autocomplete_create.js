'use strict';
// The admin's autocomplete (Django's admin/js/autocomplete.js) for AutocompleteCreateSelect
// (core/widgets.py): it also offers “Create ‘Name’”, last, when nobody is called exactly that.
{
    const $ = django.jQuery;
    const NEW_PREFIX = 'new:';

    function sameName(a, b) {
        return a.localeCompare(b, undefined, {sensitivity: 'base'}) === 0;
    }

    $.fn.marqueeCreateSelect2 = function() {
        $.each(this, function(i, element) {
            $(element).select2({
                ajax: {
                    data: (params) => ({
                        term: params.term,
                        page: params.page,
                        app_label: element.dataset.appLabel,
                        model_name: element.dataset.modelName,
                        field_name: element.dataset.fieldName
                    })
                },
                tags: true,
                createTag: (params) => {
                    const name = params.term.trim().replace(/\s+/g, ' ');
                    return name ? {id: NEW_PREFIX + name, text: name, newTag: true} : null;
                },
                insertTag: (results, tag) => {
                    if (!results.some((item) => sameName(item.text || '', tag.text))) {
                        results.push(tag);
                    }
                },
                // Text, not markup: select2 escapes it.
                templateResult: (item) => item.newTag ? `Create ‘${item.text}’` : item.text
            });
        });
        return this;
    };

    $(function() {
        $('.admin-autocomplete-create').not('[name*=__prefix__]').marqueeCreateSelect2();
    });

    document.addEventListener('formset:added', (event) => {
        $(event.target).find('.admin-autocomplete-create').marqueeCreateSelect2();
    });
}
