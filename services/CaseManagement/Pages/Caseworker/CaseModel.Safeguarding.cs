using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.CaseManagement.Features;
using SocialPrescribing.CaseManagement.Features.Safeguarding;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.WebUI;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>Raising a safeguarding concern from the case page (the same handler as the API's).</summary>
public sealed partial class CaseModel
{
    /// <summary>The concern's questions as both forms ask them (the shared partial), with this form's mistakes and what was typed.</summary>
    public ConcernFieldsView ConcernFields
    {
        get
        {
            var errors = Errors.Where(e => e.Key.StartsWith("concern-", StringComparison.Ordinal))
                .ToDictionary(e => e.Key["concern-".Length..], e => e.Value, StringComparer.Ordinal);
            return new ConcernFieldsView(ConcernSubject, ConcernCategory, errors.Count > 0 ? ConcernDescription : null, ConcernPersonAware, ConcernConsent,
                ConcernDanger, errors, "the person", "What was seen or said");
        }
    }

    public async Task<IActionResult> OnPostConcernAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, AccessPolicies.CaseReader)).Succeeded)
        {
            return Forbid();
        }

        // Mistakes in the order of the form: what it is about, then the three questions.
        foreach (var (field, message) in SafeguardingConcern.Check(ConcernSubject, ConcernCategory, ConcernDescription))
        {
            Errors[$"concern-{field}"] = message;
        }

        var aware = YesNo(ConcernPersonAware, "concern-aware", "Say whether the person knows about the concern.");
        var consent = YesNo(ConcernConsent, "concern-consent", "Say whether the person consents to it being shared.");
        var danger = YesNo(ConcernDanger, "concern-danger", "Say whether anyone is in immediate danger. If they are, call 999 now.");
        var input = new ConcernInput(ConcernSubject, ConcernCategory, ConcernDescription, aware ?? false, consent ?? false, danger ?? false);
        var result = Errors.Count > 0
            ? new ConcernResult(ConcernStatus.Invalid)
            : await SafeguardingHandler.RaiseAsync(Services, Clock, id, input, cancellationToken);
        switch (result.Status)
        {
            case ConcernStatus.Done:
                return Redirect($"/caseworker/cases/{id}?done={(result.Concern!.ImmediateDanger ? "concern999" : "concern")}#safeguarding");
            case ConcernStatus.NotFound:
                return NotFound();
            default:
                foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
                {
                    Errors[$"concern-{field}"] = message;
                }

                return await ShowAsync(id, cancellationToken);
        }
    }

    private bool? YesNo(string? answer, string field, string message)
    {
        switch (answer)
        {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                Errors[field] = message;
                return null;
        }
    }
}
