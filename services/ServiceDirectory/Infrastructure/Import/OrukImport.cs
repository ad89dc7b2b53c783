using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>A record the import turned away: where it is in the file, which one, and every reason.</summary>
public sealed record ImportRejection(int Index, Guid? Id, string? Name, IReadOnlyList<string> Reasons);

/// <summary>A record the import took, with what in it is kept as sent but not used, or waits for an admin (a need to map).</summary>
public sealed record ImportWarning(int Index, Guid Id, string? Name, IReadOnlyList<string> Warnings);

/// <summary>What an import changed, and what in it an admin should look at.</summary>
public sealed record ImportReport(
    int ServicesCreated, int ServicesUpdated, int OrganizationsCreated, int OrganizationsUpdated, int LocationsCreated, int LocationsUpdated)
{
    public IReadOnlyList<Guid> ServiceIds { get; init; } = [];

    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];
}

/// <summary>A record that passed the file's own checks: as read, and as sent (kept, so nothing the directory does not model is lost).</summary>
internal sealed record ReadService(int Index, ServiceInput Service, string Source, string? OrganizationSource);

/// <summary>
/// Loads ORUK 3.0 / HSDS 3 services (a <c>service_package</c>: a JSON array of fully nested services) into the
/// directory, all or nothing. Every record is checked against the ORUK schema and against what the
/// directory needs (a known organisation, sensible ages and times); if any record fails, nothing is
/// stored and every reason for every record is reported at once. Nothing a record carries is dropped:
/// each record is kept as sent (<see cref="Service.Source"/>) and given back merged with what the
/// directory models; taxonomy terms that are none of its needs are kept for an admin to map (a
/// warning, never a refusal). A service or organisation whose id is already here is replaced by the
/// file's version (its free places stay the inbox's to count).
/// </summary>
public sealed partial class OrukImport(DirectoryDbContext db, TimeProvider time)
{
    public const string ServiceSchema = "compiled/service.json";
    private const int MaxReasonsPerRecord = 12;
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Imports <paramref name="package"/>; or, when anything in it is wrong, stores nothing and says what.
    /// <paramref name="beforeSave"/> may stage more (an audit of the services written) to commit with it.
    /// </summary>
    public async Task<(ImportReport? Report, IReadOnlyList<ImportRejection> Rejected)> ImportAsync(
        JsonElement package, Action<IReadOnlyList<Guid>>? beforeSave, CancellationToken cancellationToken)
    {
        if (package.ValueKind != JsonValueKind.Array)
        {
            return (null, [new ImportRejection(-1, null, null,
                ["An ORUK import is a service package: a JSON array of services, each as /api/directory/services/{id} gives it."])]);
        }

        if (package.GetArrayLength() == 0)
        {
            return (null, [new ImportRejection(-1, null, null, ["The package has no services in it."])]);
        }

        // Every check on every record, so one answer names everything to correct.
        var (services, rejected) = Read(package);
        var (directoryRejected, unmapped) = await CheckAgainstDirectoryAsync(services, cancellationToken);
        rejected = [.. rejected.Concat(directoryRejected)
            .GroupBy(r => r.Index)
            .Select(g => new ImportRejection(g.Key, g.First().Id, g.First().Name, [.. g.SelectMany(r => r.Reasons).Take(MaxReasonsPerRecord)]))
            .OrderBy(r => r.Index)];
        if (rejected.Count > 0)
        {
            return (null, rejected);
        }

        var warnings = services
            .Select(s => new ImportWarning(s.Index, s.Service.Id, s.Service.Name, [
                .. OrukRecordChecks.Warnings(s.Service),
                .. unmapped.GetValueOrDefault(s.Index, []).Select(u => $"{u.Pointer}: '{u.Term.Code ?? u.Term.Name}' ({u.Term.Vocabulary ?? "no vocabulary given"}) is not one of the directory's needs: " +
                                                                       "kept, and listed on the admin page for a need to be chosen."),
            ]))
            .Where(w => w.Warnings.Count > 0)
            .ToList();
        try
        {
            var report = await StoreAsync(services, unmapped, beforeSave, cancellationToken);
            return (report with { Warnings = warnings }, []);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return (null, [new ImportRejection(-1, null, null,
                [$"An id in the file already belongs to a different record in the directory ({unique.ConstraintName}); give it a new id."])]);
        }
    }

    /// <summary>
    /// Each record against the ORUK schema and the directory's own checks, then read. A record that can be read is kept for
    /// the checks against the directory even when it already failed one here, so its every reason is found.
    /// </summary>
    private static (List<ReadService> Services, List<ImportRejection> Rejected) Read(JsonElement package)
    {
        var services = new List<ReadService>();
        var rejected = new List<ImportRejection>();
        var seen = new Dictionary<string, HashSet<Guid>>();
        var index = 0;
        foreach (var element in package.EnumerateArray())
        {
            var reasons = new List<string>(OrukSchemas.Check(ServiceSchema, element));
            ServiceInput? service = null;
            try
            {
                service = element.Deserialize<ServiceInput>(JsonOptions);
            }
            catch (JsonException ex)
            {
                if (reasons.Count == 0)
                {
                    reasons.Add($"{ex.Path}: not the kind of value ORUK expects there.");
                }
            }

            if (service is not null)
            {
                reasons.AddRange(CheckRecord(service));
                reasons.AddRange(CheckIdsUnique(service, seen));
                services.Add(new ReadService(index, service, element.GetRawText(),
                    element.TryGetProperty("organization", out var organization) && organization.ValueKind == JsonValueKind.Object ? organization.GetRawText() : null));
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(index, IdOf(element), NameOf(element), [.. reasons.Distinct().Take(MaxReasonsPerRecord)]));
            }

            index++;
        }

        return (services, rejected);
    }

    /// <summary>What the directory needs of a service beyond the schema (the database's limits among them).</summary>
    internal static IEnumerable<string> CheckRecord(ServiceInput s) => OrukRecordChecks.Check(s);

    /// <summary>Two records of a kind with one id would overwrite each other: each id once per file.</summary>
    private static IEnumerable<string> CheckIdsUnique(ServiceInput s, Dictionary<string, HashSet<Guid>> seen)
    {
        var ids = new List<(string Kind, Guid Id)> { ("service", s.Id) };
        ids.AddRange((s.Attributes ?? []).Select(x => ("attribute", x.Id)));
        ids.AddRange((s.Schedules ?? []).Select(x => ("schedule", x.Id)));
        ids.AddRange((s.ServiceAreas ?? []).Select(x => ("service area", x.Id)));
        ids.AddRange((s.Languages ?? []).Select(x => ("language", x.Id)));
        ids.AddRange((s.CostOptions ?? []).Select(x => ("cost option", x.Id)));
        ids.AddRange((s.Contacts ?? []).Select(x => ("contact", x.Id)));
        ids.AddRange((s.Contacts ?? []).SelectMany(c => c.Phones ?? []).Select(x => ("phone", x.Id)));
        ids.AddRange((s.ServiceAtLocations ?? []).Select(x => ("service at location", x.Id)));
        foreach (var (kind, id) in ids)
        {
            var kindSeen = seen.TryGetValue(kind, out var set) ? set : seen[kind] = [];
            if (!kindSeen.Add(id))
            {
                yield return $"the {kind} id {id} appears more than once in the file.";
            }
        }
    }

    /// <summary>
    /// Organisations and locations named only by id must already be here (or elsewhere in the file): otherwise the record is
    /// refused. Taxonomy terms that are none of the directory's needs are not: they are returned, by record, to be kept.
    /// </summary>
    private async Task<(List<ImportRejection> Rejected, Dictionary<int, List<(string Pointer, UnmappedTerm Term)>> Unmapped)> CheckAgainstDirectoryAsync(
        List<ReadService> services, CancellationToken cancellationToken)
    {
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        var inFile = services.Select(s => s.Service).ToList();
        var organizationsInFile = inFile.Where(s => s.Organization is not null).Select(s => s.Organization!.Id).ToHashSet();
        var namedOrganizations = inFile.Where(s => s.Organization is null && s.OrganizationId is not null).Select(s => s.OrganizationId!.Value).Distinct().ToList();
        var knownOrganizations = (await db.Organizations.Where(o => namedOrganizations.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var locationsInFile = inFile.SelectMany(Places).Where(p => p.Location is not null).Select(p => p.Location!.Id).ToHashSet();
        var namedLocations = inFile.SelectMany(Places).Where(p => p.Location is null && p.LocationId is not null).Select(p => p.LocationId!.Value).Distinct().ToList();
        var knownLocations = (await db.Locations.Where(l => namedLocations.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();

        var rejected = new List<ImportRejection>();
        var unmapped = new Dictionary<int, List<(string, UnmappedTerm)>>();
        foreach (var (index, service, _, _) in services)
        {
            var reasons = new List<string>();
            if (service.Organization is null && service.OrganizationId is { } organizationId
                && !organizationsInFile.Contains(organizationId) && !knownOrganizations.Contains(organizationId))
            {
                reasons.Add($"/organization_id: there is no organisation {organizationId} in the directory or in the file.");
            }

            foreach (var (attribute, i) in (service.Attributes ?? []).Select((a, i) => (a, i)))
            {
                if ((attribute.TaxonomyTermId is not null || attribute.TaxonomyTerm is not null) && Resolve(attribute, terms) is null)
                {
                    var term = attribute.TaxonomyTerm;
                    (unmapped.TryGetValue(index, out var list) ? list : unmapped[index] = []).Add(($"/attributes/{i}", new UnmappedTerm(
                        term?.TaxonomyDetail?.Name ?? term?.Taxonomy ?? term?.TaxonomyId?.ToString(), term?.Code, term?.Name,
                        (term?.Id ?? attribute.TaxonomyTermId)?.ToString())));
                }
            }

            foreach (var (place, i) in Places(service).Select((p, i) => (p, i)))
            {
                if (place.Location is null && place.LocationId is { } locationId && !locationsInFile.Contains(locationId) && !knownLocations.Contains(locationId))
                {
                    reasons.Add($"/service_at_locations/{i}/location_id: there is no location {locationId} in the directory or in the file.");
                }
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(index, service.Id, service.Name, reasons));
            }
        }

        return (rejected, unmapped);
    }

    /// <summary>One of our needs: by the term's id, its need code, or its name.</summary>
    private static TaxonomyTerm? Resolve(AttributeInput attribute, List<TaxonomyTerm> terms) =>
        terms.FirstOrDefault(t => t.Id == (attribute.TaxonomyTermId ?? attribute.TaxonomyTerm?.Id))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Code is { } code && string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Name is { } name && string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<ServiceAtLocationInput> Places(ServiceInput s) => s.ServiceAtLocations ?? [];

    /// <summary>Writes every record in one transaction: replaced records lose the nested parts the file no longer has.</summary>
    private async Task<ImportReport> StoreAsync(
        List<ReadService> read, Dictionary<int, List<(string Pointer, UnmappedTerm Term)>> unmapped, Action<IReadOnlyList<Guid>>? beforeSave, CancellationToken cancellationToken)
    {
        var services = read.Select(r => r.Service).ToList();
        var now = time.GetUtcNow();
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        var serviceIds = services.Select(s => s.Id).ToList();
        var organizations = services.Where(s => s.Organization is not null).Select(s => s.Organization!).DistinctBy(o => o.Id).ToList();
        var organizationIds = organizations.Select(o => o.Id).ToList();
        var locations = services.SelectMany(Places).Select(p => p.Location).OfType<LocationInput>().DistinctBy(l => l.Id).ToList();
        var locationIds = locations.Select(l => l.Id).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existingOrganizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var existingLocations = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var existingServices = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        // The nested parts of what is replaced go first, so the file's version is all that remains.
        var replacedLocations = existingLocations.Keys.ToList();
        await db.Set<Address>().Where(a => replacedLocations.Contains(a.LocationId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Accessibility>().Where(a => replacedLocations.Contains(a.LocationId)).ExecuteDeleteAsync(cancellationToken);
        var replacedServices = existingServices.Keys.ToList();
        await db.Set<ServiceAttribute>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Schedule>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ServiceArea>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Language>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CostOption>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Contact>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceAtLocations.Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);

        var organizationSources = read.Where(r => r.OrganizationSource is not null).GroupBy(r => r.Service.Organization!.Id).ToDictionary(g => g.Key, g => g.Last().OrganizationSource);
        foreach (var input in organizations)
        {
            var organization = existingOrganizations.GetValueOrDefault(input.Id) ?? db.Organizations.Add(new Organization { Id = input.Id }).Entity;
            Apply(input, organization);
            organization.Source = organizationSources.GetValueOrDefault(input.Id);
        }

        foreach (var input in locations)
        {
            var location = existingLocations.GetValueOrDefault(input.Id) ?? db.Locations.Add(new Location { Id = input.Id }).Entity;
            Apply(input, location);
        }

        foreach (var (index, input, source, _) in read)
        {
            var service = existingServices.GetValueOrDefault(input.Id) ?? db.Services.Add(new Service { Id = input.Id }).Entity;
            Apply(input, service, terms, now);
            service.Source = source;
            service.UnmappedTerms = [.. unmapped.GetValueOrDefault(index, []).Select(u => u.Term)];
        }

        beforeSave?.Invoke(serviceIds);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportReport(
            services.Count - existingServices.Count, existingServices.Count,
            organizations.Count - existingOrganizations.Count, existingOrganizations.Count,
            locations.Count - existingLocations.Count, existingLocations.Count)
        {
            ServiceIds = serviceIds,
        };
    }
}
