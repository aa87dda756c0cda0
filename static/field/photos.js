/* Photos chosen on the phone (in the questionnaire or the visit page's attach form): made
   smaller on the phone (longest side 2048 px, JPEG quality 0.8, turned upright from the
   camera's orientation; the re-encoding keeps no EXIF, so no location either), checked
   against the size limit before anything is queued, then put in the outbox, listed with a
   thumbnail and a remove button until sent. Other files (PDF) go as they are. */
(function () {
  "use strict";

  var outbox = window.FieldOutbox;
  var store = window.FieldStore;
  var LONGEST = 2048;
  var QUALITY = 0.8;
  var root = document.documentElement;

  function t(key, params) { return outbox.t(key, params); }

  function jpegName(name) { return name.replace(/\.[^.]*$/, "") + ".jpg"; }

  /* Resolves ``{blob, name, type}``: the smaller JPEG, or the file itself when it is no
     photo the browser can read (or already small and upright). */
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) {
      return Promise.resolve({ blob: file, name: file.name, type: file.type });
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
      var width = Math.round(bitmap.width * scale);
      var height = Math.round(bitmap.height * scale);
      var canvas = new OffscreenCanvas(width, height);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
      bitmap.close();
      return canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
    }).then(function (blob) {
      return { blob: blob, name: jpegName(file.name), type: "image/jpeg" };
    }, function () {
      return { blob: file, name: file.name, type: file.type };
    });
  }

  function say(form, text, problem) {
    var status = form.querySelector(".photo-status") || document.getElementById("form-status");
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("errorlist", !!problem);
  }

  /* Queues the chosen files; one over the limit (after shrinking) is refused here. */
  function queue(form, input) {
    var files = Array.prototype.slice.call(input.files);
    var limit = Number(form.dataset.photoLimit || 0);
    var started = performance.now();
    var kept = 0;
    var refused = [];
    var chain = Promise.resolve();
    input.value = "";
    say(form, t("photo_preparing", { count: files.length }));
    files.forEach(function (file) {
      chain = chain.then(function () { return shrink(file); }).then(function (made) {
        if (limit && made.blob.size > limit) {
          refused.push(t("photo_too_big", { name: file.name,
                                            size: (made.blob.size / 1048576).toFixed(1),
                                            limit: Math.round(limit / 1048576) }));
          return;
        }
        kept += 1;
        return outbox.add({ kind: "photo", uuid: crypto.randomUUID(),
                            visit: Number(form.dataset.visit), firm: form.dataset.firm,
                            url: form.dataset.photoUrl, name: made.name, type: made.type,
                            blob: made.blob, original_size: file.size });
      });
    });
    return chain.then(function () {
      root.dataset.photoQueueMs = String(Math.round(performance.now() - started));
      root.dataset.photosQueued = String(Number(root.dataset.photosQueued || 0) + kept);
      var text = kept ? t("photo_kept", { count: kept }) : "";
      say(form, [text].concat(refused).join(" "), refused.length > 0);
    });
  }

  var urls = [];

  function thumbnail(item) {
    var li = document.createElement("li");
    li.className = "photo-item";
    li.dataset.uuid = item.uuid;
    li.dataset.state = item.state;
    if (item.blob && /^image\//.test(item.type || "")) {
      var img = document.createElement("img");
      var url = URL.createObjectURL(item.blob);
      urls.push(url);
      img.src = url;
      img.alt = "";
      img.width = 64;
      img.height = 64;
      li.appendChild(img);
    }
    var text = document.createElement("span");
    text.textContent = item.name + " · " + (item.size / 1024).toFixed(0) + " KB · " +
      t("state_" + item.state);
    li.appendChild(text);
    if (item.state === "waiting") {
      var bar = document.createElement("progress");
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute("aria-label", t("state_sending") + " " + item.name);
      text.appendChild(bar);
    }
    if (item.state === "waiting" || item.state === "refused") {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "photo-remove";
      remove.textContent = t("remove");
      remove.setAttribute("aria-label", t("remove") + " " + item.name);
      remove.addEventListener("click", function () {
        store.removeItem(item.uuid).then(outbox.render);
      });
      li.appendChild(remove);
    }
    return li;
  }

  /* Every list of this visit's photos (the form's and the confirm summary's). */
  function list(items) {
    urls.forEach(function (u) { URL.revokeObjectURL(u); });
    urls = [];
    document.querySelectorAll("ul.photo-list").forEach(function (node) {
      var visit = Number(node.dataset.visit);
      var photos = items.filter(function (i) {
        return i.kind === "photo" && i.visit === visit && i.state !== "sent";
      });
      node.textContent = "";
      photos.forEach(function (item) { node.appendChild(thumbnail(item)); });
      node.dataset.count = String(photos.length);
      node.hidden = !photos.length;
    });
  }

  function start() {
    if (!store.available) { return; }
    document.addEventListener("outbox-rendered", function (event) { list(event.detail); });
    document.querySelectorAll("form[data-photo-url]").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      if (!input) { return; }
      // Several photos at once through the outbox (the plain post takes one).
      input.multiple = true;
      input.addEventListener("change", function (event) {
        event.stopPropagation();
        if (input.files.length) { queue(form, input); }
      });
      // The plain attach form (visit page): the same queue, also offline.
      if (form.classList.contains("attach-form")) {
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          if (input.files.length) { queue(form, input); }
        });
      }
    });
  }

  window.FieldPhotos = { shrink: shrink };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
