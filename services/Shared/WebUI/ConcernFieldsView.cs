namespace SocialPrescribing.WebUI;

/// <summary>
/// The questions of a safeguarding concern, as a link worker (on a case) and a call handler (during a phone referral) both
/// ask them: who it is about, the category, what was seen or said, and three yes/no answers. <see cref="Errors"/> are keyed
/// <c>subject</c>, <c>category</c>, <c>description</c>, <c>aware</c>, <c>consent</c>, <c>danger</c>; the form posts
/// <c>ConcernSubject</c>, <c>ConcernCategory</c>, <c>ConcernDescription</c>, <c>ConcernPersonAware</c>, <c>ConcernConsent</c>
/// and <c>ConcernDanger</c> ("yes"/"no").
/// </summary>
public sealed record ConcernFieldsView(
    string? Subject, string? Category, string? Description, string? PersonAware, string? Consent, string? Danger,
    IReadOnlyDictionary<string, string> Errors, string Person, string DescriptionLabel)
{
    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
