"""The words of the pages in Dutch and French. The format's own words (element names, statuses,
codes) come from the schema (``esv.show.Wording``), those of the lists from ``exchange.listing``,
those of the statistics from ``gpmi_stats.labels``; only the pages' own words are here."""

from __future__ import annotations

from dataclasses import dataclass

from exchange.listing import HEADINGS
from ground.lang import Lang, Translated
from ground.numbers import Counted, counted

WORDS: dict[str, Translated] = {
    "skip": {"nl": "Naar de inhoud", "fr": "Aller au contenu"},
    "menu": {"nl": "Menu", "fr": "Menu"},
    "new_request": {"nl": "Nieuwe aanvraag ESV", "fr": "Nouvelle demande RSE"},
    "statistics": {"nl": "Statistieken GPMI", "fr": "Statistiques PIIS"},
    "users": {"nl": "Gebruikers", "fr": "Utilisateurs"},
    "trust": {"nl": "Vertrouwde OCMW's", "fr": "CPAS de confiance"},
    "language": {"nl": "Taal", "fr": "Langue"},
    "signed_in_as": {"nl": "Aangemeld als {}", "fr": "Connecté en tant que {}"},
    "logout": {"nl": "Afmelden", "fr": "Se déconnecter"},
    "login": {"nl": "Aanmelden", "fr": "Se connecter"},
    "username": {"nl": "Gebruikersnaam", "fr": "Nom d'utilisateur"},
    "password": {"nl": "Wachtwoord", "fr": "Mot de passe"},
    "password_again": {"nl": "Wachtwoord (nogmaals)", "fr": "Mot de passe (à nouveau)"},
    "wait": {
        "nl": "Te veel mislukte aanmeldingen met deze naam. Probeer opnieuw over {} minuten.",
        "fr": "Trop de connexions échouées avec ce nom. Réessayez dans {} minutes.",
    },
    "wrong_login": {
        "nl": "Gebruikersnaam of wachtwoord onjuist. Controleer beide en probeer opnieuw.",
        "fr": "Nom d'utilisateur ou mot de passe incorrect. Vérifiez les deux et réessayez.",
    },
    "logged_out": {"nl": "U bent afgemeld.", "fr": "Vous êtes déconnecté."},
    "login_first": {
        "nl": "Meld u aan om deze pagina te zien.",
        "fr": "Connectez-vous pour voir cette page.",
    },
    "forbidden": {"nl": "Geen toegang", "fr": "Accès refusé"},
    "forbidden_role": {
        "nl": "Deze pagina is voorbehouden aan beheerders.",
        "fr": "Cette page est réservée aux administrateurs.",
    },
    "forbidden_csrf": {
        "nl": "Het formulier is verlopen of kwam niet van deze toepassing. Open de pagina opnieuw en probeer nog eens.",
        "fr": "Le formulaire a expiré ou ne vient pas de cette application. Rouvrez la page et réessayez.",
    },
    "not_found": {"nl": "Niet gevonden", "fr": "Introuvable"},
    "not_found_text": {
        "nl": "Deze pagina of regel bestaat niet (meer).",
        "fr": "Cette page ou cette ligne n'existe pas (plus).",
    },
    "back": {"nl": "Terug naar de antwoorden", "fr": "Retour aux réponses"},
    "too_large_title": {"nl": "Te groot", "fr": "Trop volumineux"},
    "too_large_text": {
        "nl": "Wat u verstuurde is groter dan {} en werd niet gelezen. Kies kleinere bestanden of een kortere tekst.",
        "fr": "Ce que vous avez envoyé dépasse {} et n'a pas été lu. Choisissez des fichiers plus petits ou un texte "
        "plus court.",
    },
    "bad_form": {"nl": "Formulier niet leesbaar", "fr": "Formulaire illisible"},
    "bad_form_text": {
        "nl": "Het formulier kon niet gelezen worden (te veel velden, of een veld dat te groot is). Open de pagina "
        "opnieuw en probeer nog eens.",
        "fr": "Le formulaire n'a pas pu être lu (trop de champs, ou un champ trop grand). Rouvrez la page et "
        "réessayez.",
    },
    "details_in_english": {
        "nl": "De details in het Engels, zoals ocmw stats ze geeft, met bestand, rij en kolom:",
        "fr": "Le détail en anglais, comme ocmw stats le donne, avec fichier, ligne et colonne :",
    },
    # lists
    "filter": {"nl": "Filteren", "fr": "Filtrer"},
    "all_statuses": {"nl": "alle", "fr": "tous"},
    "show_archived": {"nl": "Gearchiveerde regels tonen", "fr": "Afficher les lignes archivées"},
    "answer": {"nl": "Antwoord", "fr": "Réponse"},
    "content": {"nl": "Inhoud", "fr": "Contenu"},
    "actions": {"nl": "Acties", "fr": "Actions"},
    "show_answer": {"nl": "Toon het verzonden antwoord", "fr": "Voir la réponse envoyée"},
    "consult": {"nl": "Consult ESV", "fr": "Consulter RSE"},
    "archive": {"nl": "Archiveren", "fr": "Archiver"},
    "retry": {"nl": "Opnieuw versturen", "fr": "Renvoyer"},
    "archived": {
        "nl": "Regel {} gearchiveerd. U vindt ze bij de gearchiveerde regels, waar u ze kunt terugzetten.",
        "fr": "Ligne {} archivée. Vous la trouvez parmi les lignes archivées, où vous pouvez la rétablir.",
    },
    "unarchive": {"nl": "Terugzetten", "fr": "Rétablir"},
    "unarchived": {"nl": "Regel {} staat weer in de lijst.", "fr": "La ligne {} est de nouveau dans la liste."},
    "archive_title": {"nl": "Regel archiveren", "fr": "Archiver la ligne"},
    "archive_question": {
        "nl": "Regel {id} ({ocmw}, INSZ {ssin}) uit de lijst halen? Ze blijft bewaard, ook in het auditlogboek, "
        "en u kunt ze terugzetten bij de gearchiveerde regels.",
        "fr": "Retirer la ligne {id} ({ocmw}, NISS {ssin}) de la liste ? Elle reste conservée, aussi dans le journal "
        "d'audit, et vous pouvez la rétablir parmi les lignes archivées.",
    },
    "cancel": {"nl": "Annuleren", "fr": "Annuler"},
    "no_lines": {"nl": "Geen regels.", "fr": "Aucune ligne."},
    "first": {"nl": "Eerste", "fr": "Première"},
    "previous": {"nl": "Vorige", "fr": "Précédente"},
    "next": {"nl": "Volgende", "fr": "Suivante"},
    "last": {"nl": "Laatste", "fr": "Dernière"},
    "pages": {"nl": "Pagina's", "fr": "Pages"},
    "go_to_page": {"nl": "pagina {}", "fr": "page {}"},
    # new request
    "asked_ocmw": {"nl": "Gevraagd OCMW", "fr": "CPAS interrogé"},
    "asked_ocmw_found": {
        "nl": "Alle OCMW's die volgens het verwijzingsrepertorium gegevens van de persoon hebben",
        "fr": "Tous les CPAS qui, selon le répertoire des références, ont des données de la personne",
    },
    "asked_ocmw_all": {
        "nl": "Alle vertrouwde OCMW's met een adres",
        "fr": "Tous les CPAS de confiance qui ont une adresse",
    },
    "asked_ocmw_hint": {
        "nl": "Laat de keuze staan om te vragen wie de persoon eerder hielp; kies een OCMW om alleen dat te vragen.",
        "fr": "Gardez ce choix pour interroger ceux qui ont aidé la personne ; choisissez un CPAS pour "
        "n'interroger que lui.",
    },
    "consent_dates_hint": {
        "nl": "Alleen bij akkoord: DD/MM/JJJJ",
        "fr": "Seulement en cas d'accord : JJ/MM/AAAA",
    },
    "consent_no_dates": {
        "nl": "laat leeg wanneer de burger niet akkoord is",
        "fr": "laissez vide si le citoyen n'est pas d'accord",
    },
    "unknown_ocmw": {
        "nl": "kies een OCMW uit de lijst",
        "fr": "choisissez un CPAS dans la liste",
    },
    "nobody_asked": {
        "nl": "Geen enkel OCMW heeft gegevens van {ssin} van {begin} tot {end}: er werd niets gevraagd.",
        "fr": "Aucun CPAS n'a de données de {ssin} du {begin} au {end} : rien n'a été demandé.",
    },
    "network_unavailable": {
        "nl": "De aanvraag kon niet worden verstuurd: het netwerk van de OCMW's is nu niet bereikbaar. Probeer later "
        "opnieuw; blijft het duren, verwittig dan de IT-dienst (de details staan in het logboek van de dienst).",
        "fr": "La demande n'a pas pu être envoyée : le réseau des CPAS est injoignable pour l'instant. Réessayez plus "
        "tard ; si cela dure, prévenez le service informatique (le détail est dans le journal du service).",
    },
    "network_refused": {
        "nl": "De aanvraag kon niet worden verstuurd: het netwerk van de OCMW's weigerde ze. Verwittig de IT-dienst "
        "(de details staan in het logboek van de dienst).",
        "fr": "La demande n'a pas pu être envoyée : le réseau des CPAS l'a refusée. Prévenez le service informatique "
        "(le détail est dans le journal du service).",
    },
    "ssin_hint": {
        "nl": "11 cijfers, met of zonder punten, streepjes of spaties: 92.02.14-162.06",
        "fr": "11 chiffres, avec ou sans points, tirets ou espaces : 92.02.14-162.06",
    },
    "day_hint": {"nl": "DD/MM/JJJJ", "fr": "JJ/MM/AAAA"},
    "period_asked": {"nl": "Gevraagde periode", "fr": "Période demandée"},
    "consent_title": {
        "nl": "Akkoord van de burger voor raadpleging van het meest recente GPMI",
        "fr": "Accord du citoyen pour la consultation du PIIS le plus récent",
    },
    "consent_from": {"nl": "Van", "fr": "Du"},
    "consent_to": {"nl": "Tot", "fr": "Au"},
    "consent_from_field": {"nl": "Akkoord van", "fr": "Accord du"},
    "consent_to_field": {"nl": "Akkoord tot", "fr": "Accord au"},
    "consent_field": {"nl": "Akkoord van de burger", "fr": "Accord du citoyen"},
    "consent_question": {
        "nl": "Burger is akkoord dat het laatst gevalideerde GPMI wordt opgehaald",
        "fr": "Le citoyen accepte que le dernier PIIS validé soit récupéré",
    },
    "send": {"nl": "Aanvraag versturen", "fr": "Envoyer la demande"},
    "request_done": {"nl": "Aanvraag {id} aan {ocmw}: {status}.", "fr": "Demande {id} à {ocmw} : {status}."},
    "already_answered": {
        "nl": "Aanvraag {} is al beantwoord; ze werd niet opnieuw verstuurd.",
        "fr": "La demande {} a déjà reçu sa réponse ; elle n'a pas été renvoyée.",
    },
    # form problems
    "required": {"nl": "Vul dit veld in.", "fr": "Complétez ce champ."},
    "choose_yes_no": {"nl": "kies {} of {}", "fr": "choisissez {} ou {}"},
    # report
    "report_title": {"nl": "Consult ESV", "fr": "Consulter RSE"},
    "sent_answer_title": {"nl": "Verzonden antwoord", "fr": "Réponse envoyée"},
    "signature_failed": {
        "nl": "ongeldig: {}. Het verslag wordt niet getoond.",
        "fr": "non valide : {}. Le rapport n'est pas affiché.",
    },
    "unreadable_answer": {
        "nl": "het bewaarde antwoord is geen leesbaar XML",
        "fr": "la réponse gardée n'est pas un XML lisible",
    },
    "signature_own": {
        "nl": "verzonden door dit OCMW, met zijn eigen handtekening (niet opnieuw nagekeken)",
        "fr": "envoyée par ce CPAS, avec sa propre signature (non revérifiée)",
    },
    "document_invalid": {
        "nl": "Het antwoord is geen geldig ESV-document. De details in het Engels, met de plaats in het document:",
        "fr": "La réponse n'est pas un document RSE valide. Le détail en anglais, avec l'endroit dans le document :",
    },
    "contract_shown": {"nl": "GPMI-overeenkomst {}", "fr": "Contrat PIIS {}"},
    "download_pdf": {"nl": "PDF downloaden", "fr": "Télécharger le PDF"},
    "pdf_fallback": {
        "nl": "Deze browser toont de PDF niet in de pagina; download hem met de link hieronder.",
        "fr": "Ce navigateur n'affiche pas le PDF dans la page ; téléchargez-le avec le lien ci-dessous.",
    },
    # statistics
    "stats_input": {"nl": "Export van de GPMI-overeenkomsten", "fr": "Export des contrats PIIS"},
    "versions_file": {"nl": "Versies van de overeenkomsten (CSV of XLSX)", "fr": "Versions des contrats (CSV ou XLSX)"},
    "evaluations_file": {"nl": "Evaluaties (CSV of XLSX, optioneel)", "fr": "Évaluations (CSV ou XLSX, facultatif)"},
    "sheet": {"nl": "Werkblad (optioneel)", "fr": "Feuille (facultatif)"},
    "sheet_hint": {
        "nl": "Alleen nodig als de tabel van een werkmap op meer dan één werkblad staat: de naam van het blad.",
        "fr": "Seulement si le tableau d'un classeur se trouve sur plusieurs feuilles : le nom de la feuille.",
    },
    "columns_file": {"nl": "Kolommen (TOML)", "fr": "Colonnes (TOML)"},
    "columns_hint": {
        "nl": 'Alleen nodig als de export zijn kolommen anders noemt: per kolomkop een regel, bv. "Rijksregister" '
        '= "ssin" (zie de documentatie).',
        "fr": 'Seulement si l\'export nomme ses colonnes autrement : une ligne par en-tête, p. ex. "Registre national" '
        '= "ssin" (voir la documentation).',
    },
    "stats_period": {"nl": "Periode", "fr": "Période"},
    "year": {"nl": "Jaar", "fr": "Année"},
    "or_period": {"nl": "of van ... tot ...", "fr": "ou du ... au ..."},
    "period_from": {"nl": "Van", "fr": "Du"},
    "period_to": {"nl": "Tot", "fr": "Au"},
    "ocmw_title": {"nl": "Naam van het OCMW in de titels", "fr": "Nom du CPAS dans les titres"},
    "compute": {"nl": "Statistieken berekenen", "fr": "Calculer les statistiques"},
    "stats_not_kept": {
        "nl": "De bestanden en de cijfers worden niet bewaard: download ze hieronder.",
        "fr": "Les fichiers et les chiffres ne sont pas conservés : téléchargez-les ci-dessous.",
    },
    "download_xlsx": {"nl": "Werkmap downloaden (XLSX)", "fr": "Télécharger le classeur (XLSX)"},
    "download_png": {"nl": "Grafieken downloaden (PNG)", "fr": "Télécharger les graphiques (PNG)"},
    "chart_alt": {
        "nl": "Grafieken: begunstigden per geslacht en leeftijd, projecten, eindevaluaties (ook in de tabellen)",
        "fr": "Graphiques : bénéficiaires par sexe et âge, projets, évaluations finales (aussi dans les tableaux)",
    },
    "year_or_period": {
        "nl": "geef een jaar, of een begin- en einddatum, niet beide",
        "fr": "indiquez une année, ou une date de début et de fin, pas les deux",
    },
    "give_period": {
        "nl": "geef een jaar, of een begin- en einddatum",
        "fr": "indiquez une année, ou une date de début et de fin",
    },
    "file_too_large": {"nl": "het bestand is groter dan {}", "fr": "le fichier dépasse {}"},
    "warnings": {"nl": "Opmerkingen", "fr": "Remarques"},
    # administration
    "role": {"nl": "Rol", "fr": "Rôle"},
    "active": {"nl": "Actief", "fr": "Actif"},
    "created": {"nl": "Aangemaakt op", "fr": "Créé le"},
    "add_user": {"nl": "Gebruiker toevoegen", "fr": "Ajouter un utilisateur"},
    "user_added": {"nl": "Gebruiker {} toegevoegd.", "fr": "Utilisateur {} ajouté."},
    "deactivate": {"nl": "Deactiveren", "fr": "Désactiver"},
    "activate": {"nl": "Activeren", "fr": "Activer"},
    "user_changed": {"nl": "Gebruiker {} gewijzigd.", "fr": "Utilisateur {} modifié."},
    "deactivate_title": {"nl": "Gebruiker deactiveren", "fr": "Désactiver l'utilisateur"},
    "deactivate_question": {
        "nl": "{} deactiveren? Deze gebruiker kan zich dan niet meer aanmelden en zijn sessies eindigen. U kunt "
        "hem hier later opnieuw activeren.",
        "fr": "Désactiver {} ? Cet utilisateur ne pourra plus se connecter et ses sessions prennent fin. Vous "
        "pourrez le réactiver ici plus tard.",
    },
    "change_password": {"nl": "Wachtwoord wijzigen", "fr": "Changer le mot de passe"},
    "change_password_text": {
        "nl": "Na het wijzigen eindigen uw sessies op andere toestellen; deze blijft open.",
        "fr": "Après le changement, vos sessions sur d'autres appareils prennent fin ; celle-ci reste ouverte.",
    },
    "old_password": {"nl": "Huidig wachtwoord", "fr": "Mot de passe actuel"},
    "new_password": {
        "nl": "Nieuw wachtwoord (minstens {} tekens)",
        "fr": "Nouveau mot de passe (au moins {} caractères)",
    },
    "password_changed": {"nl": "Uw wachtwoord is gewijzigd.", "fr": "Votre mot de passe a été changé."},
    "certificate": {"nl": "Certificaat", "fr": "Certificat"},
    "valid_until": {"nl": "Geldig tot", "fr": "Valable jusqu'au"},
    "add_certificate": {"nl": "Certificaat toevoegen (PEM)", "fr": "Ajouter un certificat (PEM)"},
    "certificate_added": {
        "nl": "Certificaat van {} toegevoegd: het OCMW kan meteen gevraagd worden en binnen een minuut zelf vragen.",
        "fr": "Certificat de {} ajouté : le CPAS peut être interrogé tout de suite et interroger dans la minute.",
    },
    "trust_folder_read_only": {
        "nl": "De map van de vertrouwde OCMW's kan niet beschreven worden door de dienst: vraag de IT-dienst om ze "
        "schrijfbaar te maken (docs/operations.md).",
        "fr": "Le service ne peut pas écrire dans le dossier des CPAS de confiance : demandez au service informatique "
        "de le rendre accessible en écriture (docs/operations.md).",
    },
    "trust_by_directory": {
        "nl": "De vertrouwde OCMW's zijn de leden van het netwerk, zoals het verwijzingsrepertorium ze "
        "publiceert (document {serial}, geldig tot {until} UTC). Ze worden daar beheerd, niet hier.",
        "fr": "Les CPAS de confiance sont les membres du réseau, tels que le répertoire des références les "
        "publie (document {serial}, valable jusqu'au {until} UTC). Ils sont gérés là, pas ici.",
    },
    "trust_unavailable": {
        "nl": "Er is nu geen geldige lijst van vertrouwde OCMW's: {}",
        "fr": "Il n'y a pas de liste valable de CPAS de confiance pour l'instant : {}",
    },
    "ocmw": {"nl": "OCMW", "fr": "CPAS"},
    "kbo": {"nl": "KBO-nummer", "fr": "Numéro BCE"},
    "kbo_hint": {"nl": "10 cijfers: 0207.654.333", "fr": "10 chiffres : 0207.654.333"},
    "name_nl": {"nl": "Naam in het Nederlands", "fr": "Nom en néerlandais"},
    "name_fr": {"nl": "Naam in het Frans", "fr": "Nom en français"},
    "name_fr_hint": {
        "nl": "Leeg: dezelfde als in het Nederlands",
        "fr": "Vide : le même qu'en néerlandais",
    },
    "esv_address": {"nl": "ESV-adres", "fr": "Adresse RSE"},
    "esv_address_hint": {
        "nl": "Waar het OCMW ESV-aanvragen beantwoordt, bv. https://esv.ocmw-gent.be/esv/requests; leeg: het "
        "wordt niet gevraagd",
        "fr": "Où le CPAS répond aux demandes RSE, p. ex. https://rse.cpas-liege.be/esv/requests ; vide : il "
        "n'est pas interrogé",
    },
    "no_address": {"nl": "geen: wordt niet gevraagd", "fr": "aucune : pas interrogé"},
    "bad_address": {
        "nl": "{!r} is geen webadres; verwacht: https://host[:poort]/esv/requests",
        "fr": "{!r} n'est pas une adresse web ; attendu : https://hôte[:port]/esv/requests",
    },
    "add": {"nl": "Toevoegen", "fr": "Ajouter"},
    # a person's consultation history
    "history": {"nl": "Raadplegingen van een persoon", "fr": "Consultations d'une personne"},
    "history_text": {
        "nl": "Elke keer dat de gegevens van een persoon werden gevraagd, meegedeeld, geweigerd of ingekeken, zoals "
        "het auditlogboek het bewaart (artikel 15 van de AVG). Ook deze raadpleging wordt in het auditlogboek "
        "geschreven.",
        "fr": "Chaque fois que les données d'une personne ont été demandées, communiquées, refusées ou consultées, "
        "tel que le journal d'audit le conserve (article 15 du RGPD). Cette consultation-ci est aussi écrite dans "
        "le journal d'audit.",
    },
    "history_period_hint": {
        "nl": "DD/MM/JJJJ; leeg: alle bewaarde raadplegingen",
        "fr": "JJ/MM/AAAA ; vide : toutes les consultations conservées",
    },
    "show_history": {"nl": "Raadplegingen tonen", "fr": "Afficher les consultations"},
    "letter_lang": {"nl": "Taal van de brief", "fr": "Langue de la lettre"},
    "download_letter": {
        "nl": "Brief voor de persoon downloaden (PDF)",
        "fr": "Télécharger la lettre pour la personne (PDF)",
    },
    "download_csv": {"nl": "Downloaden (CSV)", "fr": "Télécharger (CSV)"},
    "letter_names_nobody": {
        "nl": "De brief noemt geen medewerkers bij naam.",
        "fr": "La lettre ne nomme aucun membre du personnel.",
    },
    # the report's first screen and its way back
    "back_to_requests": {"nl": "Terug naar de aanvragen", "fr": "Retour aux demandes"},
    "unknown_person_asked": {
        "nl": "{ocmw} kent geen persoon met INSZ {ssin}: het heeft geen dossier van deze persoon.",
        "fr": "{ocmw} ne connaît aucune personne au NISS {ssin} : il n'a pas de dossier de cette personne.",
    },
    # the statistics: the results first, the files to choose again
    "compute_again": {
        "nl": "Opnieuw berekenen, met andere bestanden of een andere periode",
        "fr": "Recalculer, avec d'autres fichiers ou une autre période",
    },
    "choose_files_again": {
        "nl": "Kies de bestanden opnieuw: de pagina bewaart ze niet, ook niet na een fout.",
        "fr": "Choisissez à nouveau les fichiers : la page ne les garde pas, même après une erreur.",
    },
    # logging in and out, the users
    "password_hint": {"nl": "Minstens {} tekens.", "fr": "Au moins {} caractères."},
    "already_logged_in": {"nl": "U bent al aangemeld als {}.", "fr": "Vous êtes déjà connecté en tant que {}."},
    "logout_text": {
        "nl": "Afmelden beëindigt uw sessies op alle toestellen.",
        "fr": "La déconnexion met fin à vos sessions sur tous les appareils.",
    },
    # the trusted OCMWs, without the server's folders
    "trust_folder": {
        "nl": "De vertrouwde OCMW's staan in de vertrouwensmap van deze server (gekozen met ocmw db init --trust).",
        "fr": "Les CPAS de confiance sont dans le dossier de confiance de ce serveur (choisi avec ocmw db init "
        "--trust).",
    },
}

COUNTED: dict[str, Counted] = {
    "errors_title": {
        "nl": ("Het formulier bevat {n} fout:", "Het formulier bevat {n} fouten:"),
        "fr": ("Le formulaire contient {n} erreur :", "Le formulaire contient {n} erreurs :"),
    },
    "input_problems": {
        "nl": (
            "De export bevat {n} probleem; er werd niets berekend.",
            "De export bevat {n} problemen; er werd niets berekend.",
        ),
        "fr": (
            "L'export contient {n} problème ; rien n'a été calculé.",
            "L'export contient {n} problèmes ; rien n'a été calculé.",
        ),
    },
    "warnings_lead": {
        "nl": (
            "{n} opmerking bij de export; de cijfers werden toch berekend.",
            "{n} opmerkingen bij de export; de cijfers werden toch berekend.",
        ),
        "fr": (
            "{n} remarque sur l'export ; les chiffres ont tout de même été calculés.",
            "{n} remarques sur l'export ; les chiffres ont tout de même été calculés.",
        ),
    },
    "requests_done": {
        "nl": ("{n} aanvraag verstuurd: {done} beantwoord.", "{n} aanvragen verstuurd: {done} beantwoord."),
        "fr": ("{n} demande envoyée : {done} avec réponse.", "{n} demandes envoyées : {done} avec réponse."),
    },
    "waiting": {
        "nl": (
            "{n} zonder bruikbaar antwoord: verstuur opnieuw vanuit de lijst.",
            "{n} zonder bruikbaar antwoord: verstuur ze opnieuw vanuit de lijst.",
        ),
        "fr": (
            "{n} sans réponse utilisable : renvoyez-la depuis la liste.",
            "{n} sans réponse utilisable : renvoyez-les depuis la liste.",
        ),
    },
}

FIELDS: dict[str, Translated] = {
    "username": WORDS["username"],
    "password": WORDS["password"],
    "password_again": WORDS["password_again"],
    "old_password": WORDS["old_password"],
    "role": WORDS["role"],
    "active": WORDS["active"],
    "ocmw": WORDS["asked_ocmw"],
    "ssin": HEADINGS["ssin"],
    "begin": HEADINGS["begin"],
    "end": HEADINGS["end"],
    "consent_from": WORDS["consent_from_field"],
    "consent_to": WORDS["consent_to_field"],
    "consent": WORDS["consent_field"],
    "certificate": WORDS["certificate"],
    "kbo": WORDS["kbo"],
    "name_nl": WORDS["name_nl"],
    "name_fr": WORDS["name_fr"],
    "address": WORDS["esv_address"],
    "versions": WORDS["versions_file"],
    "evaluations": WORDS["evaluations_file"],
    "columns": WORDS["columns_file"],
    "sheet": WORDS["sheet"],
    "year": WORDS["year"],
    "from": WORDS["period_from"],
    "to": WORDS["period_to"],
    "ocmw_name": WORDS["ocmw_title"],
}
"""The name of each field of the pages' forms, by the field's name: the list of a form's problems
names the field of each."""


@dataclass(frozen=True)
class Words:
    """``t("key", *values)``: a word of the pages in ``lang``, its ``{}`` filled in when values are given."""

    lang: Lang

    def __call__(self, key: str, *values: object, **named: object) -> str:
        text = WORDS[key][self.lang]
        return text.format(*values, **named) if values or named else text

    def counted(self, key: str, count: int, **named: object) -> str:
        """A sentence of ``COUNTED`` in the form ``count`` takes: "1 aanvraag", "3 aanvragen"."""
        return counted(COUNTED[key], count, self.lang, **named)

    def field(self, name: str) -> str:
        """The name of form field ``name``, as a list of the form's problems names it."""
        return FIELDS[name][self.lang]
