// Passkeys, where the browser offers them: the sign-in page (data-passkey="get") and the multi-factor page
// (data-passkey="create"). Without WebAuthn JSON support the passkey sections stay hidden.
const form = document.querySelector("form[data-passkey]");
const supported = form && window.PublicKeyCredential
  && typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function"
  && typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

if (supported) {
  form.closest("[hidden]")?.removeAttribute("hidden");
  form.addEventListener("submit", async (event) => {
    if (form.dataset.ready === "true") {
      return;
    }
    event.preventDefault();
    const token = form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
    try {
      const response = await fetch(form.dataset.options, {
        method: "POST",
        credentials: "same-origin",
        headers: { "RequestVerificationToken": token, "X-Requested-With": "passkeys" },
      });
      if (!response.ok) {
        throw new Error(`options ${response.status}`);
      }
      const options = await response.json();
      const credential = form.dataset.passkey === "create"
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      form.querySelector("#passkey-credential").value = JSON.stringify(credential.toJSON());
    } catch (error) {
      // Cancelled or refused by the device: the server answers an empty credential with a clear message.
      console.warn(`Passkey not used: ${error?.name ?? "error"}: ${error?.message ?? ""}`);
      form.querySelector("#passkey-credential").value = "";
    }
    form.dataset.ready = "true";
    form.requestSubmit();
  });
}
