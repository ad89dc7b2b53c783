using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.ImportDirectory;
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

        if (Package.Length > ImportDirectoryHandler.MaxImportBytes)
        {
            Errors["package"] = $"The file must be smaller than {ImportDirectoryHandler.MaxImportBytes / 1024 / 1024} MB: split it and import each part";
            return Invalid();
        }

        JsonDocument document;
        try
        {
            using var bytes = new MemoryStream((int)Package.Length);
            await Package.CopyToAsync(bytes, cancellationToken);
            // The parser checks UTF-8 only when a string is read: a file that is not UTF-8 is not JSON.
            if (!System.Text.Unicode.Utf8.IsValid(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)))
            {
                throw new JsonException("not UTF-8");
            }

            document = JsonDocument.Parse(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            Errors["package"] = "The file is not JSON: choose an ORUK service package (.json)";
            return Invalid();
        }

        using (document)
        {
            (Report, Rejected) = await ImportDirectoryHandler.ImportAuditedAsync(new AdminServices(db, time, HttpContext), document.RootElement, cancellationToken);
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
