using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ReferralIntake.Features.SubmitReferral;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;
using SocialPrescribing.Validation;

namespace SocialPrescribing.ReferralIntake.Pages;

/// <summary>
/// The referral questions as a form, shared by the public <c>/refer</c> page (the person's own words),
/// the call handler's <c>/intake</c> page (the same questions worded to be read aloud) and the
/// professional's <c>/refer/professional</c> page (about the person, plus who is referring): one set
/// of fields, one set of rules, one way to store. Plain HTML that works with JavaScript off.
/// </summary>
public abstract class ReferralFormModel(SubmitReferralHandler submitter, TimeProvider time) : PageModel
{
    /// <summary>Each API field path and the id of the form control that answers it (for error links).</summary>
    protected static readonly Dictionary<string, string> FieldIds = new(StringComparer.Ordinal)
    {
        ["person.givenName"] = "given-name",
        ["person.familyName"] = "family-name",
        ["person.dateOfBirth"] = "dob-day",
        ["person.postcode"] = "postcode",
        ["person.phone"] = "phone",
        ["person.email"] = "email",
        ["person.nhsNumber"] = "nhs-number",
        ["person.preferredContact"] = "preferred-contact",
        ["needs"] = "needs",
        ["reason"] = "reason",
        ["risk.harmToSelf"] = "harm-to-self",
        ["risk.harmToOthers"] = "harm-to-others",
        ["risk.inCrisis"] = "in-crisis",
        ["consent.shareWithLinkWorker"] = "share-with-link-worker",
        ["consent.shareWithGp"] = "share-with-gp",
        ["concern.raise"] = "concern-raise",
        ["concern.subject"] = "concern-subject",
        ["concern.category"] = "concern-category",
        ["concern.description"] = "concern-description",
        ["concern.personAware"] = "concern-aware",
        ["concern.consent"] = "concern-consent",
        ["concern.immediateDanger"] = "concern-danger",
        ["callerConfirmed"] = "caller-confirmed",
        ["serviceId"] = "service-chosen",
        ["language"] = "language",
        ["referrer"] = "referrer-name",
        ["referrer.name"] = "referrer-name",
        ["referrer.role"] = "referrer-role",
        ["referrer.organisation"] = "referrer-organisation",
        ["referrer.email"] = "referrer-email",
    };

    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? DobDay { get; set; }
    [BindProperty] public string? DobMonth { get; set; }
    [BindProperty] public string? DobYear { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? PreferredContact { get; set; }
    [BindProperty] public List<string> Needs { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? HarmToSelf { get; set; }
    [BindProperty] public string? HarmToOthers { get; set; }
    [BindProperty] public string? InCrisis { get; set; }
    [BindProperty] public bool ShareWithLinkWorker { get; set; }
    [BindProperty] public string? ShareWithGp { get; set; }

    /// <summary>The language to use with the person (staff forms ask; the person's own form is in the language they chose).</summary>
    [BindProperty] public string? Language { get; set; }

    /// <summary>A directory service the person chose (<c>/refer?service=…</c> from its page), kept through the form.</summary>
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }

    /// <summary>
    /// Made when the form is first shown and sent back with it: a second post of the same form
    /// (a double click, a refresh, the back button) shows the first referral, never makes another.
    /// </summary>
    [BindProperty] public string? SubmissionId { get; set; }

    public ValidationErrors Errors { get; protected set; } = new();

    /// <summary>Errors in the order of the form, each with the id of its control.</summary>
    public IEnumerable<(string Id, string Message)> ErrorSummary =>
        FieldIds.Where(f => ErrorFor(f.Key) is not null).Select(f => (f.Value, ErrorFor(f.Key)!));

    /// <summary>The NHS.UK form-group classes for a field, marked in error when it has one.</summary>
    public string GroupClass(string path) => ErrorFor(path) is null ? "nhsuk-form-group" : "nhsuk-form-group nhsuk-form-group--error";

    /// <summary>The NHS.UK input classes for a field (plus <paramref name="extra"/>, e.g. a width), marked in error when it has one.</summary>
    public string InputClass(string path, string extra = "") => (ErrorFor(path) is null ? "nhsuk-input " : "nhsuk-input nhsuk-input--error ") + extra;

    /// <summary>The first error for a field, in the page's language (public pages may be Welsh; staff pages are English).</summary>
    public string? ErrorFor(string path) =>
        (Errors.FirstFor(path) ?? (path == "needs" ? Errors.ToDictionary().Where(e => e.Key.StartsWith("needs[", StringComparison.Ordinal)).Select(e => e.Value[0]).FirstOrDefault() : null))
        is { } message ? RuleText.Translate(message) : null;

    /// <summary>Who is answering: the person (<c>/refer</c>) or a call handler reading the questions aloud.</summary>
    public abstract FormVoice Voice { get; }

    protected abstract string Channel { get; }

    /// <summary>Where to show the reference once sent.</summary>
    protected abstract string ConfirmationPage { get; }

    /// <summary>The wording of a question for this form's voice.</summary>
    public string Say(string key) => FormWording.For(Voice, key);

    public virtual void OnGet() => SubmissionId = NewSubmissionId();

    /// <summary>Whether the signed-in user may use this form; when not, the page says why (403) and nothing is stored.</summary>
    public virtual bool MayUseForm => true;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!MayUseForm)
        {
            context.Result = new PageResult { StatusCode = StatusCodes.Status403Forbidden };
        }
    }

    /// <summary>Who is referring, when it is not the person themselves (the professional form).</summary>
    protected virtual ReferrerDetails? Referrer => null;

    /// <summary>Checks beyond the referral rules (e.g. the caller confirmed the read-back).</summary>
    protected virtual void ValidateForm(ValidationErrors errors)
    {
    }

    /// <summary>What this form adds to a valid referral (the phone form: a safeguarding concern).</summary>
    protected virtual ValidReferral Complete(ValidReferral valid) => valid;

    /// <summary>
    /// The header's language switch on this form (it posts the form here with <c>?lang=</c>, which sets the language):
    /// the same form again in the chosen language with every answer kept; nothing is checked or stored.
    /// </summary>
    public IActionResult OnPostLanguage()
    {
        ModelState.Clear();
        if (SubmissionId is null || !Guid.TryParseExact(SubmissionId, "N", out _))
        {
            SubmissionId = NewSubmissionId();
        }

        return Page();
    }

    /// <summary>The answers as a submission (a date of birth that is not a date is an error in <see cref="Errors"/>).</summary>
    protected ReferralSubmission Submission() => new(
        Channel,
        new PersonDetails(GivenName, FamilyName, ReadDateOfBirth(), Postcode, Phone, Email, NhsNumber, PreferredContact),
        Needs,
        Reason,
        new ConsentAnswers(ShareWithLinkWorker, ShareWithGp),
        new RiskAnswers(YesNo(HarmToSelf), YesNo(HarmToOthers), YesNo(InCrisis)),
        Referrer,
        Service,
        Voice == FormVoice.Person ? (SocialPrescribing.WebUI.SuiteLanguages.IsWelsh ? ReferralRules.Welsh : ReferralRules.English) : Language);

    /// <summary>Today, for the rules (a date of birth in the future).</summary>
    protected DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var submission = Submission();
        if (SubmissionId is null || !Guid.TryParseExact(SubmissionId, "N", out _))
        {
            SubmissionId = NewSubmissionId();
        }

        var valid = ReferralRules.Validate(submission, Today, Errors);
        ValidateForm(Errors);
        if (valid is null || !Errors.IsEmpty)
        {
            ViewData["HasErrors"] = true;
            return Page();
        }

        // The same form sent again is the same referral, whatever was changed in between.
        valid = Complete(valid);
        var sent = await submitter.SubmitAsync(valid, HttpContext, new IdempotentRequest(FormCaller, SubmissionId, FormCaller), cancellationToken);
        var referral = sent.Referral!;
        TempData["Reference"] = referral.Reference;
        TempData["Urgent"] = referral.Urgent;
        if (valid.Concern is { } concern)
        {
            TempData["Concern"] = concern.ImmediateDanger ? "urgent" : "raised";
        }

        return RedirectToPage(ConfirmationPage);
    }

    private const string FormCaller = "referral-form";

    private static string NewSubmissionId() => Guid.NewGuid().ToString("N");

    private DateOnly? ReadDateOfBirth()
    {
        var date = DateOfBirthField.Read(DobDay, DobMonth, DobYear, out var blank);
        if (date is null && !blank)
        {
            Errors.Add("person.dateOfBirth", DateOfBirthField.NotADate);
        }

        return date;
    }

    /// <summary>A yes to any safety question: the crisis routes are shown on every page that follows, error pages included.</summary>
    public bool SaidYesToRisk => YesNo(HarmToSelf) == true || YesNo(HarmToOthers) == true || YesNo(InCrisis) == true;

    private static bool? YesNo(string? answer) => answer switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
