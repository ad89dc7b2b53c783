using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.ServiceDirectory.Apis;
using SocialPrescribing.ServiceDirectory.Infrastructure;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>
/// Load an ORUK 3.0 service package (a JSON file, as another directory or our own export gives it):
/// all of it or, if any record is wrong, none of it, with every rejected record and why.
/// </summary>
public sealed class ImportModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
{
    [BindProperty] public IFormFile? Package { get; set; }

    public ImportReport? Report { get; private set; }

    public IReadOnlyList<ImportRejection> Rejected { get; private set; } = [];

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Package is null || Package.Length == 0)
        {
            Errors["package"] = "Choose the ORUK JSON file to import";
            return Invalid();
        }

        if (Package.Length > DirectoryAdminApi.MaxImportBytes)
        {
            Errors["package"] = $"The file must be smaller than {DirectoryAdminApi.MaxImportBytes / 1024 / 1024} MB: split it and import each part";
            return Invalid();
        }

        JsonDocument document;
        try
        {
            await using var stream = Package.OpenReadStream();
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException)
        {
            Errors["package"] = "The file is not JSON: choose an ORUK service package (.json)";
            return Invalid();
        }

        using (document)
        {
            (Report, Rejected) = await DirectoryAdminApi.ImportAuditedAsync(new AdminServices(db, time, HttpContext), document.RootElement, cancellationToken);
        }

        if (Report is null)
        {
            Errors["package"] = Rejected.Count == 1 && Rejected[0].Index < 0
                ? Rejected[0].Reasons[0]
                : $"Nothing was imported: {Rejected.Count} of the records cannot be taken as they are";
            return Invalid();
        }

        return Page();
    }
}
