using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>A record the import turned away: where it is in the file, which one, and every reason.</summary>
public sealed record ImportRejection(int Index, Guid? Id, string? Name, IReadOnlyList<string> Reasons);

/// <summary>What an import changed.</summary>
public sealed record ImportReport(
    int ServicesCreated, int ServicesUpdated, int OrganizationsCreated, int OrganizationsUpdated, int LocationsCreated, int LocationsUpdated)
{
    public IReadOnlyList<Guid> ServiceIds { get; init; } = [];
}

/// <summary>
/// Loads ORUK 3.0 services (a <c>service_package</c>: a JSON array of fully nested services) into the
/// directory, all or nothing. Every record is checked against the ORUK schema and against what the
/// directory needs (a known organisation, needs it knows, sensible ages and times); if any record
/// fails, nothing is stored and every failure is reported. A service or organisation whose id is
/// already here is replaced by the file's version (its free places stay the inbox's to count).
/// </summary>
public sealed class OrukImport(DirectoryDbContext db, TimeProvider time)
{
    public const string ServiceSchema = "compiled/service.json";
    private const int MaxReasonsPerRecord = 12;
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly HashSet<string> Days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

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

        var (services, rejected) = Read(package);
        if (rejected.Count == 0)
        {
            rejected.AddRange(await CheckAgainstDirectoryAsync(services, cancellationToken));
        }

        if (rejected.Count > 0)
        {
            return (null, rejected);
        }

        try
        {
            return (await StoreAsync([.. services.Select(s => s.Service)], beforeSave, cancellationToken), []);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return (null, [new ImportRejection(-1, null, null,
                [$"An id in the file already belongs to a different record in the directory ({unique.ConstraintName}); give it a new id."])]);
        }
    }

    /// <summary>Each record against the ORUK schema, then read; the first pass of checks needs nothing but the file.</summary>
    private static (List<(int Index, ServiceInput Service)> Services, List<ImportRejection> Rejected) Read(JsonElement package)
    {
        var services = new List<(int, ServiceInput)>();
        var rejected = new List<ImportRejection>();
        var seen = new Dictionary<string, HashSet<Guid>>();
        var index = 0;
        foreach (var element in package.EnumerateArray())
        {
            var reasons = new List<string>(OrukSchemas.Check(ServiceSchema, element));
            ServiceInput? service = null;
            if (reasons.Count == 0)
            {
                try
                {
                    service = element.Deserialize<ServiceInput>(JsonOptions);
                }
                catch (JsonException ex)
                {
                    reasons.Add($"{ex.Path}: not the kind of value ORUK expects there.");
                }
            }

            if (service is not null)
            {
                reasons.AddRange(CheckRecord(service));
                reasons.AddRange(CheckIdsUnique(service, seen));
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(index, IdOf(element), NameOf(element), [.. reasons.Take(MaxReasonsPerRecord)]));
            }
            else
            {
                services.Add((index, service!));
            }

            index++;
        }

        return (services, rejected);
    }

    /// <summary>What the directory needs of a service beyond the schema (the database's limits among them).</summary>
    internal static IEnumerable<string> CheckRecord(ServiceInput s)
    {
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 200)
        {
            yield return "/name: a name of 1 to 200 characters is needed.";
        }

        if (s.Description?.Length > 4000)
        {
            yield return "/description: at most 4000 characters.";
        }

        if (s.Organization is { } organization)
        {
            if (s.OrganizationId is { } named && named != organization.Id)
            {
                yield return "/organization_id: differs from /organization/id.";
            }

            if (string.IsNullOrWhiteSpace(organization.Name) || organization.Name.Length > 200)
            {
                yield return "/organization/name: a name of 1 to 200 characters is needed.";
            }

            if (organization.Description?.Length > 4000)
            {
                yield return "/organization/description: at most 4000 characters.";
            }
        }
        else if (s.OrganizationId is null)
        {
            yield return "/organization: say who runs the service (organization, or organization_id of one already in the directory).";
        }

        foreach (var (age, field) in new[] { (s.MinimumAge, "minimum_age"), (s.MaximumAge, "maximum_age") })
        {
            if (age is { } a && (a < 0 || a > 130 || a != Math.Floor(a)))
            {
                yield return $"/{field}: a whole number of years from 0 to 130.";
            }
        }

        if (s.MinimumAge > s.MaximumAge)
        {
            yield return "/minimum_age: is more than maximum_age.";
        }

        if (s.AssuredDate is { } assured && !DateOnly.TryParseExact(assured, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return "/assured_date: a date as YYYY-MM-DD.";
        }

        if (s.Capacity?.Maximum is < 0 or > 100_000)
        {
            yield return "/capacity/maximum: from 0 to 100000 places.";
        }

        foreach (var (attribute, i) in (s.Attributes ?? []).Select((a, i) => (a, i)))
        {
            if (attribute.TaxonomyTermId is null && attribute.TaxonomyTerm is null)
            {
                yield return $"/attributes/{i}: names no taxonomy term.";
            }
        }

        foreach (var (schedule, i) in (s.Schedules ?? []).Select((x, i) => (x, i)))
        {
            var days = (schedule.Byday ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (days.Any(d => !Days.Contains(d.ToUpperInvariant())) || (schedule.Byday?.Length ?? 0) > 64)
            {
                yield return $"/schedules/{i}/byday: days as MO,TU,WE,TH,FR,SA,SU.";
            }

            if (schedule.Interval is { } interval && (interval < 1 || interval > 12 || interval != Math.Floor(interval)))
            {
                yield return $"/schedules/{i}/interval: a whole number from 1 to 12.";
            }

            var opens = ReadTime(schedule.OpensAt, out var opensOk);
            var closes = ReadTime(schedule.ClosesAt, out var closesOk);
            if (!opensOk)
            {
                yield return $"/schedules/{i}/opens_at: a time as HH:MM.";
            }

            if (!closesOk)
            {
                yield return $"/schedules/{i}/closes_at: a time as HH:MM.";
            }

            if (opens >= closes)
            {
                yield return $"/schedules/{i}: closes before it opens.";
            }
        }

        foreach (var (place, i) in (s.ServiceAtLocations ?? []).Select((x, i) => (x, i)))
        {
            if (place.Location is { } location)
            {
                if (place.LocationId is { } named && named != location.Id)
                {
                    yield return $"/service_at_locations/{i}/location_id: differs from its location's id.";
                }

                if (location.Latitude is < -90 or > 90 || location.Longitude is < -180 or > 180)
                {
                    yield return $"/service_at_locations/{i}/location: latitude from -90 to 90 and longitude from -180 to 180.";
                }

                if ((location.Latitude is null) != (location.Longitude is null))
                {
                    yield return $"/service_at_locations/{i}/location: give both latitude and longitude, or neither.";
                }
            }
            else if (place.LocationId is null)
            {
                yield return $"/service_at_locations/{i}: names no location.";
            }
        }
    }

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

    /// <summary>Organisations, needs and locations named only by id must already be here (or elsewhere in the file).</summary>
    private async Task<List<ImportRejection>> CheckAgainstDirectoryAsync(List<(int Index, ServiceInput Service)> services, CancellationToken cancellationToken)
    {
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        var inFile = services.Select(s => s.Service).ToList();
        var organizationsInFile = inFile.Where(s => s.Organization is not null).Select(s => s.Organization!.Id).ToHashSet();
        var namedOrganizations = inFile.Where(s => s.Organization is null).Select(s => s.OrganizationId!.Value).Distinct().ToList();
        var knownOrganizations = (await db.Organizations.Where(o => namedOrganizations.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var locationsInFile = inFile.SelectMany(Places).Where(p => p.Location is not null).Select(p => p.Location!.Id).ToHashSet();
        var namedLocations = inFile.SelectMany(Places).Where(p => p.Location is null).Select(p => p.LocationId!.Value).Distinct().ToList();
        var knownLocations = (await db.Locations.Where(l => namedLocations.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();

        var rejected = new List<ImportRejection>();
        foreach (var (index, service) in services)
        {
            var reasons = new List<string>();
            if (service.Organization is null && service.OrganizationId is { } organizationId
                && !organizationsInFile.Contains(organizationId) && !knownOrganizations.Contains(organizationId))
            {
                reasons.Add($"/organization_id: there is no organisation {organizationId} in the directory or in the file.");
            }

            foreach (var (attribute, i) in (service.Attributes ?? []).Select((a, i) => (a, i)))
            {
                if (Resolve(attribute, terms) is null)
                {
                    reasons.Add($"/attributes/{i}: '{attribute.TaxonomyTerm?.Code ?? attribute.TaxonomyTerm?.Name ?? attribute.TaxonomyTermId?.ToString()}' " +
                                "is not one of the directory's needs (see /api/directory/taxonomy_terms).");
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
                rejected.Add(new ImportRejection(index, service.Id, service.Name, [.. reasons.Take(MaxReasonsPerRecord)]));
            }
        }

        return rejected;
    }

    /// <summary>One of our needs: by the term's id, its need code, or its name.</summary>
    private static TaxonomyTerm? Resolve(AttributeInput attribute, List<TaxonomyTerm> terms) =>
        terms.FirstOrDefault(t => t.Id == (attribute.TaxonomyTermId ?? attribute.TaxonomyTerm?.Id))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Code is { } code && string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Name is { } name && string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<ServiceAtLocationInput> Places(ServiceInput s) => s.ServiceAtLocations ?? [];

    /// <summary>Writes every record in one transaction: replaced records lose the nested parts the file no longer has.</summary>
    private async Task<ImportReport> StoreAsync(List<ServiceInput> services, Action<IReadOnlyList<Guid>>? beforeSave, CancellationToken cancellationToken)
    {
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

        foreach (var input in organizations)
        {
            var organization = existingOrganizations.GetValueOrDefault(input.Id) ?? db.Organizations.Add(new Organization { Id = input.Id }).Entity;
            Apply(input, organization);
        }

        foreach (var input in locations)
        {
            var location = existingLocations.GetValueOrDefault(input.Id) ?? db.Locations.Add(new Location { Id = input.Id }).Entity;
            Apply(input, location);
        }

        foreach (var input in services)
        {
            var service = existingServices.GetValueOrDefault(input.Id) ?? db.Services.Add(new Service { Id = input.Id }).Entity;
            Apply(input, service, terms, now);
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

    private static void Apply(OrganizationInput input, Organization organization)
    {
        organization.Name = input.Name!.Trim();
        organization.Description = input.Description ?? "";
        organization.Email = input.Email;
        organization.Website = input.Website;
        organization.Uri = input.Uri;
    }

    private void Apply(LocationInput input, Location location)
    {
        location.LocationType = input.LocationType ?? "physical";
        location.Name = input.Name;
        location.Description = input.Description;
        location.Latitude = input.Latitude;
        location.Longitude = input.Longitude;
        db.AddRange((input.Addresses ?? []).Select(a => new Address
        {
            Id = a.Id, LocationId = input.Id, Address1 = a.Address1 ?? "", City = a.City ?? "", Region = a.Region,
            StateProvince = a.StateProvince ?? "", PostalCode = a.PostalCode ?? "", Country = a.Country ?? "GB", AddressType = a.AddressType ?? "physical",
        }));
        db.AddRange((input.Accessibility ?? []).Select(a => new Accessibility { Id = a.Id, LocationId = input.Id, Description = a.Description ?? "", Details = a.Details }));
    }

    private void Apply(ServiceInput input, Service service, List<TaxonomyTerm> terms, DateTimeOffset now)
    {
        service.OrganizationId = input.Organization?.Id ?? input.OrganizationId!.Value;
        service.Name = input.Name!.Trim();
        service.Description = input.Description;
        service.Url = input.Url;
        service.Email = input.Email;
        service.Status = input.Status!;
        service.Fees = input.Fees;
        service.Accreditations = input.Accreditations;
        service.MinimumAge = (int?)input.MinimumAge;
        service.MaximumAge = (int?)input.MaximumAge;
        service.AssuredDate = input.AssuredDate is { } assured ? DateOnly.ParseExact(assured, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        service.AssurerEmail = input.AssurerEmail;
        service.Alert = input.Alert;
        service.LastModified = now;
        if (input.Capacity?.Maximum is { } maximum)
        {
            // Places already taken stay taken: the free count moves by as much as the maximum does.
            var taken = service.CapacityMaximum - service.CapacityAvailable;
            service.CapacityMaximum = maximum;
            service.CapacityAvailable = Math.Clamp(maximum - taken, 0, maximum);
        }

        var id = input.Id;
        db.AddRange((input.Attributes ?? []).Select(a => (a.Id, Term: Resolve(a, terms)!)).DistinctBy(x => x.Term.Id)
            .Select(x => new ServiceAttribute { Id = x.Id, ServiceId = id, TaxonomyTermId = x.Term.Id }));
        db.AddRange((input.Schedules ?? []).Select(x => new Schedule
        {
            Id = x.Id, ServiceId = id, Freq = x.Freq ?? "WEEKLY", Interval = (int)(x.Interval ?? 1),
            ByDay = string.Join(',', (x.Byday ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d.ToUpperInvariant())),
            OpensAt = ReadTime(x.OpensAt, out _), ClosesAt = ReadTime(x.ClosesAt, out _), Description = x.Description, AttendingType = x.AttendingType,
        }));
        db.AddRange((input.ServiceAreas ?? []).Select(x => new ServiceArea { Id = x.Id, ServiceId = id, Name = x.Name ?? "", Extent = x.Extent, ExtentType = x.ExtentType }));
        db.AddRange((input.Languages ?? []).Select(x => new Language { Id = x.Id, ServiceId = id, Name = x.Name ?? "", Code = x.Code ?? "", Note = x.Note }));
        db.AddRange((input.CostOptions ?? []).Select(x => new CostOption { Id = x.Id, ServiceId = id, Option = x.Option, Amount = x.Amount, AmountDescription = x.AmountDescription }));
        db.AddRange((input.Contacts ?? []).Select(x => new Contact
        {
            Id = x.Id, ServiceId = id, Name = x.Name ?? "", Title = x.Title, Email = x.Email,
            Phones = [.. (x.Phones ?? []).Select(p => new Phone { Id = p.Id, ContactId = x.Id, Number = p.Number ?? "", Type = p.Type, Description = p.Description })],
        }));
        db.AddRange((input.ServiceAtLocations ?? []).Select(x => new ServiceAtLocation
        {
            Id = x.Id, ServiceId = id, LocationId = x.Location?.Id ?? x.LocationId!.Value, Description = x.Description,
        }));
    }

    /// <summary>HH:MM or HH:MM:SS, with ORUK's optional zone (Z or ±HH:MM) set aside: times are the service's local time.</summary>
    internal static TimeOnly? ReadTime(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var local = text.Trim().TrimEnd('Z', 'z');
        if (local.Length > 5 && local[^6] is '+' or '-')
        {
            local = local[..^6];
        }

        if (TimeOnly.TryParseExact(local, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        ok = false;
        return null;
    }

    private static Guid? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid) ? guid : null;

    private static string? NameOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString() is { Length: > 200 } long_ ? long_[..200] : name.GetString()
            : null;
}
