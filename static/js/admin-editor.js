/* The rich-text editor (django-prose-editor) in the admin's language.
 *
 * The editor writes its toolbar tooltips, its aria-labels and its block menu in English
 * and does not translate them itself. This looks each of those labels up in Django's
 * JavaScript catalogue (the admin's jsi18n, loaded before this file), where
 * locale_overrides/<language>/LC_MESSAGES/djangojs.po gives them; a numbered label such
 * as "Heading 2" is looked up as "Heading %s". Labels the catalogue does not know stay
 * as they are. Toolbars created later (an inline added to the form) are translated as
 * they appear. The dialogs already go through the catalogue; the text being edited is
 * never touched.
 */
(function () {
  "use strict";

  const catalogue = window.gettext;
  const interpolate = window.interpolate;
  if (typeof catalogue !== "function" || typeof interpolate !== "function") {
    return;
  }

  const TOOLBAR = ".prose-menubar";
  const TEXT_HOLDERS = ".prose-menubar__option *, .prose-menubar__button:not(.material-icons)";

  function translate(label) {
    const text = label.trim();
    if (!text) {
      return label;
    }
    const direct = catalogue(text);
    if (direct !== text) {
      return direct;
    }
    const numbered = text.match(/^(.*\S) (\d+)$/);
    if (numbered) {
      const key = numbered[1] + " %s";
      const pattern = catalogue(key);
      if (pattern !== key) {
        return interpolate(pattern, [numbered[2]]);
      }
    }
    return label;
  }

  function translateAttribute(element, name) {
    const value = element.getAttribute(name);
    if (value) {
      const translated = translate(value);
      if (translated !== value) {
        element.setAttribute(name, translated);
      }
    }
  }

  function translateElement(element) {
    translateAttribute(element, "title");
    translateAttribute(element, "aria-label");
    if (element.matches(TEXT_HOLDERS) && element.childElementCount === 0) {
      const translated = translate(element.textContent);
      if (translated !== element.textContent) {
        element.textContent = translated;
      }
    }
  }

  function translateWithin(node) {
    if (!(node instanceof Element)) {
      return;
    }
    const elements = node.closest(TOOLBAR) ? [node, ...node.querySelectorAll("*")] : [];
    for (const toolbar of node.querySelectorAll(TOOLBAR)) {
      elements.push(toolbar, ...toolbar.querySelectorAll("*"));
    }
    elements.forEach(translateElement);
  }

  function start() {
    translateWithin(document.body);
    new MutationObserver(function (mutations) {
      for (const mutation of mutations) {
        if (mutation.type === "attributes") {
          if (mutation.target.closest(TOOLBAR)) {
            translateElement(mutation.target);
          }
        } else {
          mutation.addedNodes.forEach(translateWithin);
        }
      }
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["title", "aria-label"],
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
