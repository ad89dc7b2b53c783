namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>The fields of a meeting form (book or move): ids start with <see cref="Prefix"/>; errors are looked up by those ids.</summary>
public sealed record MeetingFieldsView(
    string Prefix, string? Date, string? Time, int Minutes, string Mode, string? Place, IReadOnlyDictionary<string, string> Errors)
{
    public string? ErrorFor(string field) => Errors.GetValueOrDefault($"{Prefix}-{field}");
}
