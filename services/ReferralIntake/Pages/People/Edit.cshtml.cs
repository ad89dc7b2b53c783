using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.ReferralIntake.Features.CorrectPerson;
using SocialPrescribing.ReferralIntake.Features.ReadPerson;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>
/// Correct a person's details or change their consent, with a reason: the same checks as a referral's,
/// kept in their history and sent to every service that holds a copy.
/// </summary>
[Authorize]
public sealed class EditModel(ReadPersonHandler reader, CorrectPersonHandler corrector) : PageModel
{
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
    [BindProperty] public bool ShareWithGp { get; set; }
    [BindProperty] public bool ShareWithProviders { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public string Name { get; private set; } = "";

    /// <summary>Field id → message, in the order the form shows them.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayUse || await reader.ReadAsync(id, HttpContext, cancellationToken) is not { MergedIntoId: null } person)
        {
            return NotFound();
        }

        Name = $"{person.GivenName} {person.FamilyName}";
        (GivenName, FamilyName, Postcode, Phone, Email, NhsNumber, PreferredContact) =
            (person.GivenName, person.FamilyName, person.Postcode, person.Phone, person.Email, person.NhsNumber, person.PreferredContact);
        (DobDay, DobMonth, DobYear) = (person.DateOfBirth.Day.ToString(CultureInfo.InvariantCulture), person.DateOfBirth.Month.ToString(CultureInfo.InvariantCulture),
            person.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture));
        (ShareWithGp, ShareWithProviders) = (person.Consent.ShareWithGp, person.Consent.ShareWithProviders);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!MayUse)
        {
            return NotFound();
        }

        var born = DateOfBirthField.Read(DobDay, DobMonth, DobYear, out _);
        if (born is null)
        {
            Errors["dob-day"] = DateOfBirthField.NotADate;
        }

        if (Reason is { Length: > Model.ReferralRules.MaxReasonLength })
        {
            Errors["reason"] = $"Reason must be {Model.ReferralRules.MaxReasonLength} characters or fewer.";
        }

        if (Errors.Count == 0)
        {
            var result = await corrector.CorrectAsync(id, new PersonCorrection
            {
                GivenName = new(true, GivenName ?? ""), FamilyName = new(true, FamilyName ?? ""), DateOfBirth = new(true, born),
                Postcode = new(true, Postcode ?? ""), Phone = new(true, Phone), Email = new(true, Email), NhsNumber = new(true, NhsNumber),
                PreferredContact = new(true, PreferredContact), ShareWithGp = ShareWithGp, ShareWithProviders = ShareWithProviders,
                Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
            }, HttpContext, cancellationToken);
            if (result.Outcome == CorrectionOutcome.NotFound)
            {
                return NotFound();
            }

            if (result.Outcome == CorrectionOutcome.Done)
            {
                TempData["Outcome"] = result.Changes is { Count: > 0 } ? "Their record was updated. Every service that holds a copy is being told." : "Nothing was changed.";
                return RedirectToPage("/People/Person", new { id });
            }

            foreach (var (field, messages) in result.Errors!.ToDictionary())
            {
                Errors.TryAdd(field == "dateOfBirth" ? "dob-day" : FieldId(field), messages[0]);
            }
        }

        Name = $"{GivenName} {FamilyName}".Trim();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private bool MayUse => User.IsInRole(SuiteRoles.LinkWorker) || User.IsInRole(SuiteRoles.Manager);

    /// <summary>"givenName" → "given-name": the input's id.</summary>
    public static string FieldId(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    public string? ErrorFor(string id) => Errors.GetValueOrDefault(id);
}
