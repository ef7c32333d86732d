import Copydesk
import Foundation
import Testing

/// Parsers: roles, figures, notices, dates, and source positions of every character.
@Suite struct ParserTests {
    func parse(_ text: String, _ ext: String) throws -> Article {
        try Support.linter.parse(text: text, path: "t.\(ext)")
    }

    /// Where `needle` starts in the article's text, by the block map.
    func location(of needle: String, in article: Article) -> CopydeskCore.SourceLocation? {
        for block in article.blocks {
            let scalars = Array(needle.unicodeScalars)
            guard scalars.count <= block.scalars.count else { continue }
            for i in 0...(block.scalars.count - scalars.count) where Array(block.scalars[i..<i + scalars.count]) == scalars {
                return block.map.location(at: i)
            }
        }
        return nil
    }

    @Test func markdownPositionsCountFrontMatterAndScalars() throws {
        let md = "---\ntitle: Ünïcode Road\ndate: 2021-06-01\n---\n\n# Ünïcode Road\n\nThe 🚧 crew said *the* road reopens [today](https://x.test/a).\n"
        let article = try parse(md, "md")
        #expect(article.published?.year == 2021)
        #expect(article.published?.source == .frontMatter)
        #expect(article.blocks.first?.role == .headline)
        #expect(location(of: "crew", in: article) == CopydeskCore.SourceLocation(line: 8, column: 7))
        #expect(location(of: "the road", in: article) == CopydeskCore.SourceLocation(line: 8, column: 18))
        #expect(location(of: "today", in: article) == CopydeskCore.SourceLocation(line: 8, column: 37))
    }

    @Test func markdownFigureCaptionAndCreditForms() throws {
        let md = """
        # Storm

        ![Sandbags](a.jpg)

        *Volunteers stack sandbags on Main Street. Photo: Ann Lee/Valley Photo*

        ![Bridge](b.jpg)

        *The bridge closed at noon on Sunday.*

        ![](logo.svg)

        Body text follows here.
        """
        let article = try parse(md, "md")
        #expect(article.figures.count == 2)
        #expect(article.figures[0].credit != nil)
        #expect(article.figures[1].credit == nil)
        #expect(article.figures[1].caption.map { article.blocks[$0].text } == "The bridge closed at noon on Sunday.")
    }

    /// A credit line between an image and its caption: the paragraph under it is the caption when it
    /// repeats the image's alt text or describes a picture, not when it is the story going on.
    @Test func markdownCreditBetweenImageAndCaption() throws {
        let md = """
        # Harbor Road

        ![Crews clear the harbor road](a.jpg)

        Ann Lee/Valley Photo

        Crews clear the harbor road after the storm on Sunday morning.

        ![](b.jpg)

        Ruth Diaz/Valley Photo

        The council met on Monday to plan the repairs, which will take a month.
        """
        let article = try parse(md, "md")
        #expect(article.figures.count == 2)
        #expect(article.figures[0].credit == "Ann Lee/Valley Photo")
        #expect(article.figures[0].caption.map { article.blocks[$0].text } == "Crews clear the harbor road after the storm on Sunday morning.")
        #expect(article.figures[1].credit == "Ruth Diaz/Valley Photo")
        #expect(article.figures[1].caption == nil)
    }

    @Test func aCaptionsOpeningCreditIsTheFiguresCredit() throws {
        let md = """
        # Harbor Road

        ![Road](a.jpg)

        *REUTERS Crews clear the harbor road after the storm on Sunday.*

        The road reopened on Monday, the council said.
        """
        let article = try parse(md, "md")
        let caption = try #require(article.figures.first?.caption.map { article.blocks[$0] })
        #expect(caption.text == "Crews clear the harbor road after the storm on Sunday.")
        #expect(caption.range.start == CopydeskCore.SourceLocation(line: 5, column: 10))
        #expect(article.figures.first?.credit == "REUTERS")
        #expect(article.figures.first?.creditLocation == CopydeskCore.SourceRange(start: .init(line: 5, column: 2), end: .init(line: 5, column: 9)))
    }

    @Test func aGallerysCountBeforeEveryCaptionIsNotTheCaptions() throws {
        let gallery = """
        # Harbor Festival

        ![Boats](a.jpg)

        *3 Boats line the harbor before the festival on Saturday. Credit: Ann Lee*

        The festival opened on Saturday with a parade of boats along the quay.

        ![Crowd](b.jpg)

        *3 Crowds gather on the quay for the parade*

        ![Stage](c.jpg)

        *3 The main stage at dusk*
        """
        let article = try parse(gallery, "md")
        let captions = article.figures.compactMap { $0.caption.map { article.blocks[$0] } }
        #expect(captions.map(\.text) == ["Boats line the harbor before the festival on Saturday. Credit: Ann Lee",
                                         "Crowds gather on the quay for the parade", "The main stage at dusk"])
        #expect(captions.first?.range.start == CopydeskCore.SourceLocation(line: 5, column: 4))
        #expect(article.figures.first?.credit == captions.first?.text)
        // numbers that differ, or fewer than the captions, are the captions' own words
        for (from, to) in [("*3 Crowds", "*2 Crowds"), ("*3 ", "*2 ")] {
            let own = try parse(gallery.replacingOccurrences(of: from, with: to), "md")
            #expect(own.figures.compactMap { $0.caption.map { own.blocks[$0].text } }.allSatisfy { $0.first?.isNumber == true }, "\(to)")
        }
    }

    @Test func anAnimationCreditLineIsTheCreditOfTheLineAbove() throws {
        let text = """
            Storm Floods Riverside Homes

            The river crested at nine feet overnight, the highest level in a decade, officials said on Sunday.

            How the water rose along Harbor Road over the weekend.
            Animation by Ann Lee

            Crews began pumping water from basements on Monday morning, the city said.
            """
        let article = try parse(text, "txt")
        #expect(article.figures.count == 1)
        #expect(article.figures.first?.credit == "Animation by Ann Lee")
        #expect(article.figures.first?.caption.map { article.blocks[$0].text } == "How the water rose along Harbor Road over the weekend.")
    }

    /// Copied text sets a figure's credit and caption one under the other, apart from the paragraphs
    /// around them: the credit's caption is the sentence under it, not the paragraph above.
    @Test func aCreditRunIntoTheSentenceBelowCaptionsIt() throws {
        let text = """
            Storm Floods Riverside Homes

            "We have never seen the water this high," said Ruth Diaz, who has lived on the road since 1990.

            Ann K. Lee/for The Harbor Times
            Volunteers stack sandbags on Main Street on Sunday.

            Crews began pumping water from basements on Monday morning, the city said.

            Sports / March 3, 2024
            Harbor City Wins the Regatta for a Third Year Running
            """
        let article = try parse(text, "txt")
        #expect(article.figures.first?.credit == "Ann K. Lee/for The Harbor Times")
        #expect(article.figures.first?.caption.map { article.blocks[$0].text } == "Volunteers stack sandbags on Main Street on Sunday.")
        #expect(article.blocks.first { $0.text.hasPrefix("\"We have never") }?.role == .body)
        // a headline under a section's line is no caption
        #expect(article.blocks.first { $0.text.hasPrefix("Harbor City Wins") }?.role != .caption)
    }

    @Test func htmlRolesFiguresDatesAndPositions() throws {
        let html = """
        <html><head>
        <meta property="article:published_time" content="2020-07-04T10:00:00Z">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Road Plan","datePublished":"2020-07-03"}]}</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>Road Plan</h1>
        <figure><img src="a.jpg"><figcaption>Crews repair the bridge. <span class="credit">Ann Lee/Valley Photo</span></figcaption></figure>
        <p>The council met on &ldquo;Tuesday&rdquo; to discuss the plan.</p>
        <blockquote class="twitter-tweet"><p>"This is an embedded social post with many words."</p></blockquote>
        </article>
        <footer>© 2020 Harbor Gazette</footer>
        </body></html>
        """
        let article = try parse(html, "html")
        #expect(article.published?.iso == "2020-07-03")
        #expect(article.published?.source == .jsonLD)
        #expect(article.title == "Road Plan")
        #expect(article.figures.count == 1)
        #expect(article.figures.first?.credit == "Ann Lee/Valley Photo")
        #expect(article.notices.first?.years == 2020...2020)
        let roles = Dictionary(article.blocks.map { ($0.text, $0.role) }, uniquingKeysWith: { a, _ in a })
        #expect(roles["Home News"] == .chrome)
        #expect(roles["Road Plan"] == .headline)
        #expect(roles["The council met on “Tuesday” to discuss the plan."] == .body)
        #expect(article.blocks.filter { $0.role == .body }.count == 1)
        #expect(location(of: "The council", in: article) == CopydeskCore.SourceLocation(line: 8, column: 4))
        #expect(location(of: "discuss", in: article) == CopydeskCore.SourceLocation(line: 8, column: 48))
    }

    @Test func htmlVideoTitleAndCaptionElementAreOneFigure() throws {
        let html = """
        <html><body><article><h1>Rescue on Elm Street</h1>
        <p>Firefighters reached the roof of the burning house on Elm Street late on Monday night.</p>
        <p><span class="mediaTitle">Rescue on Elm Street</span><img alt="Rescue on Elm Street" src="/media/rescue-still.jpg"></p>
        <div class="embeddedMediaCaption"><p>Helmet camera footage shows firefighters carrying a resident down a ladder.</p></div>
        <p>The resident was treated at the scene and released, the fire department said afterwards.</p>
        </article></body></html>
        """
        let article = try parse(html, "html")
        #expect(article.figures.count == 1)
        let caption = article.figures.first?.caption.map { article.blocks[$0].text }
        #expect(caption?.hasPrefix("Helmet camera footage") == true)
    }

    /// An <aside> in the story that names its picture, or is one in schema.org's terms, is a figure;
    /// a "cutline" is a caption, even inside a wrapper named for the credit; a sidebar is chrome.
    @Test func htmlPictureAsidesAndCutlinesAreFigures() throws {
        let html = """
        <html><body><article><h1>Harbor Road Reopens</h1>
        <p>Crews finished the repairs to Harbor Road on Tuesday, two weeks ahead of the schedule.</p>
        <aside class="left image wide"><img src="/media/road.jpg">
        <p class="caption">Traffic returns to Harbor Road on Tuesday. <span class="credits">(Photo by Ann Lee)</span></p></aside>
        <p>The council thanked the crews at its meeting on Wednesday evening in the town hall.</p>
        <aside itemscope itemtype="https://schema.org/ImageObject" class="expandable"><img src="/media/hall.jpg">
        <p class="image-credit-wrap"><span class="cutline">Residents gather outside the town hall on Wednesday.</span>
        <span class="credit">(Photo: Sam Ortiz)</span></p></aside>
        <aside class="story-highlights"><p>Repairs to the pier begin next month, the council said.</p></aside>
        <p>Repairs to the pier begin next month, the council said in a statement on Thursday.</p>
        </article></body></html>
        """
        let article = try parse(html, "html")
        let figures = article.figures.map { ($0.caption.map { article.blocks[$0].text }, $0.credit) }
        #expect(figures.count == 2)
        #expect(figures.first?.0 == "Traffic returns to Harbor Road on Tuesday.")
        #expect(figures.first?.1 == "(Photo by Ann Lee)")
        #expect(figures.last?.0 == "Residents gather outside the town hall on Wednesday.")
        #expect(figures.last?.1 == "(Photo: Sam Ortiz)")
        #expect(article.blocks.first { $0.text == "Repairs to the pier begin next month, the council said." }?.role == .chrome)
    }

    @Test func htmlCreditElementAboveItsCaptionIsTheFiguresCredit() throws {
        let html = """
        <html><body><article><h1>Harbor Road Reopens</h1>
        <p>Crews finished the repairs to Harbor Road on Tuesday, two weeks ahead of the schedule.</p>
        <div class="inline-media"><img src="/media/road.jpg" alt="Harbor Road">
        <div class="credit">Ann Lee/Valley Photo</div>
        <div class="caption">Traffic returns to Harbor Road after the repairs on Tuesday.</div></div>
        <p>The council thanked the crews at its meeting on Wednesday evening in the town hall.</p>
        <div class="inline-media"><img src="/media/hall.jpg" alt="Town hall"><p class="credit"></p>
        <p class="caption">Residents gather outside the town hall before the meeting on Wednesday.</p></div>
        <p>Repairs to the pier begin next month, the council said in a statement on Thursday.</p>
        <img src="/media/map.jpg" alt="Map"><div class="credit">Harbor Council</div>
        <figure><img src="/media/pier.jpg"><figcaption>The pier at low tide on Thursday morning, before the repairs.</figcaption></figure>
        </article></body></html>
        """
        let article = try parse(html, "html")
        #expect(article.figures.count == 3)
        #expect(article.figures.first?.credit == "Ann Lee/Valley Photo")
        // a <figure> after a loose image's credit is a figure of its own: the credit is not its
        #expect(article.figures.last?.credit == nil)
        #expect(article.figures.first?.caption.map { article.blocks[$0].text } == "Traffic returns to Harbor Road after the repairs on Tuesday.")
        #expect(article.blocks.first { $0.text == "Ann Lee/Valley Photo" }?.role == .credit)
        // an empty credit element leaves the caption that follows it a caption with no credit
        #expect(article.figures[1].credit == nil)
        #expect(article.figures[1].caption.map { article.blocks[$0].text }?.hasPrefix("Residents gather") == true)
    }

    @Test func bylineDatesWithTwoDigitYearsNeedATime() throws {
        let dated = try parse("Council closes harbor road\n\nBy Ann Lee - 11/19/19 06:56 AM EST\n\nThe council voted on Tuesday to close the harbor road for repairs.\n", "txt")
        #expect(dated.published?.iso == "2019-11-19")
        let undated = try parse("Council closes harbor road\n\nBy Ann Lee - 11/19/19\n\nThe council voted on Tuesday to close the harbor road for repairs.\n", "txt")
        #expect(undated.published == nil)
    }

    @Test func deeplyNestedHTMLIsReadWhole() throws {
        let html = String(repeating: "<div>", count: 20_000) + "<p>\"Deep text with quite a few words in it.\"</p>"
        let article = try parse(html, "html")
        #expect(article.blocks.map(\.text) == ["\"Deep text with quite a few words in it.\""])
        // a notice 300 levels down is still the page's notice
        let notice = try parse(String(repeating: "<div>", count: 300) + "<p>&copy; 2015 Harbor Gazette.</p>"
                               + String(repeating: "</div>", count: 300), "html")
        #expect(notice.notices.first?.years == 2015...2015)
        // nothing is dropped however many elements stay open
        let open = try parse(String(repeating: "<div><p>Another paragraph.", count: 100_000), "html")
        #expect(open.blocks.count == 100_000)
        let million = try parse(String(repeating: "<div>", count: 1_000_000) + "<p>&copy; 2015 Harbor Gazette.</p>", "html")
        #expect(million.notices.first?.years == 2015...2015)
    }

    /// Nesting past the walker's documented limit is a clear error with its position, never a crash,
    /// and the other files of the run are still linted.
    @Test func markdownNestedTooDeepIsAnErrorNotACrash() throws {
        let lists = String(repeating: "- ", count: 66_000) + "item\n"
        #expect(throws: InputError.self) { try parse(lists, "md") }
        do {
            _ = try parse(lists, "md")
        } catch let error as InputError {
            #expect(error.message.contains("nested more than"))
            #expect(error.location?.line == 1)
        }
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 400,000 levels: the depth that once crashed the run before the second file was reported
        try Data((String(repeating: "- ", count: 400_000) + "item\n").utf8).write(to: folder.appendingPathComponent("deep.md"))
        try Data("The council voted, the mayor said, to close the road.\n".utf8).write(to: folder.appendingPathComponent("ok.md"))
        let run = try Support.run(["lint", "deep.md", "ok.md", "--format", "json"], in: folder)
        #expect(run.code == 2)
        let files = (try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])?["files"] as? [[String: Any]]
        #expect(files?.map { $0["path"] as? String } == ["deep.md", "ok.md"])
        #expect(files?.first?["error"] != nil && files?.last?["error"] == nil)
    }

    /// Found by the `text` fuzz target: a long line whose last 240 UTF-16 units begin inside an
    /// emoji's surrogate pair crashed the trailing-credit search.
    @Test func aCaptionTailCutInsideAnEmojiIsNoCrash() throws {
        let line = "A 🏆" + String(repeating: " word", count: 43) + " words (Photo: Jane Doe)"
        #expect((line as NSString).length - 240 == 3, "the tail must start on the emoji's second half")
        #expect(CreditRecognizer.trailingCredit(in: line) != nil)
        let article = try parse("Road Plan\n\n" + line + "\n\nThe council met.\n", "txt")
        #expect(article.blocks.count == 3)
    }

    /// A caption's opening credit is looked for only where it can be: a slash or bar in its first
    /// words, or the "Image copyright" label however it is spaced.
    @Test func aCaptionOpensWithItsCreditBehindASlashBarOrCopyrightLabel() {
        #expect(CreditRecognizer.hasLeadingCredit("Ann Lee | Valley Photo Agency Volunteers stack sandbags on Main Street"))
        #expect(CreditRecognizer.hasLeadingCredit("Image  copyright Valley Photo Agency Image caption Volunteers stack sandbags"))
        #expect(!CreditRecognizer.hasLeadingCredit("Volunteers stack sandbags on Main Street as the river rises, Ann Lee / Valley Photo"))
        #expect(CreditRecognizer.hasLeadingCredit("Ann K. Lee/for The Harbor Times Volunteers stack sandbags on Main Street."))
        // where the credit ends is sure after a source, or an agency's name in capitals
        let split = [("Ann Lee | Valley Photo Agency Volunteers stack sandbags on Main Street", "Volunteers stack"),
                     ("ASSOCIATED PRESS Volunteers stack sandbags on Main Street.", "Volunteers stack"),
                     ("Ann K. Lee/for The Harbor Times Volunteers stack sandbags on Main Street.", nil),
                     ("NASA Astronauts train for the next mission in Houston.", nil),
                     ("Ann Lee (Photo by Ruth Diaz/Getty Images)", nil),
                     ("Image Credits: Ann Lee / AFP / Getty Images", nil)]
        for (caption, rest) in split {
            let start = CreditRecognizer.leadingCredit(in: caption)
            #expect(start.map { String(String(caption.unicodeScalars.dropFirst($0)).prefix(16)) } == rest, "\(caption)")
        }
    }

    /// A `Name / Agency` credit is names: capitalised words and particles; menus and teasers set
    /// out the same way speak in lower-case words or trail off.
    @Test func aBarOrSlashLineIsACreditOnlyWhenItsWordsAreNames() {
        for credit in ["Ann Lee / Valley Photo Agency", "Ruth Diaz/The Harbor Times via Valley Photo", "Ana de la Cruz | Harbor Press",
                       "Ann Lee / Instagram @annlee_photo", "Valley Photo Agency (Composite) / Harbor Press",
                       "Text by Jo Lee | Photography by Ann Lee", "Ann K. Lee/for The Harbor Times", "Ruth T. Diaz / Valley Photo",
                       "By Ann Lee/AFP/Getty Images."] {
            #expect(CreditRecognizer.isCreditLine(credit), "\(credit)")
        }
        for menu in ["Sign in / Sign up", "Email the author | Follow on Twitter", "Live updates | Crews reopen the harbor road",
                     "Harbor Road Reopens | Valley News …", "Reporting by Ann Lee. Editing by Ruth Diaz / Harbor Desk",
                     "By Ann Lee | The Harbor Times"] {
            #expect(!CreditRecognizer.isCreditLine(menu), "\(menu)")
        }
    }

    /// A credit run onto a caption's end without a label, in the forms style guides give: the
    /// recogniser returns where it starts, and a caption that merely ends in names is no credit.
    @Test func aCreditRunOntoACaptionIsFoundWhereItStarts() {
        let credited = [
            ("Volunteers stack sandbags on Main Street Ann Lee/Valley Photo", "Ann Lee/Valley Photo"),
            ("The mayor arrives at the harbor in Harbor City Ruth K Diaz/via Reuters", "Ruth K Diaz/via Reuters"),
            ("Crews clear the harbor road after the storm Ann Lee / AP", "Ann Lee / AP"),
            ("Crews clear the harbor road after the storm AP Photo/Ann Lee", "AP Photo/Ann Lee"),
            ("The mayor at the gala in Harbor City Ann Lee/for The Harbor Times", "Ann Lee/for The Harbor Times"),
            ("A rally outside the council chamber Ann Lee/Getty Images Europe", "Ann Lee/Getty Images Europe"),
            ("Crews clear the harbor road. Ann Lee for The Harbor Times", "Ann Lee for The Harbor Times"),
            ("The lodge's new dining room overlooks the lake. Supplied", "Supplied"),
            ("Volunteers stack sandbags on Main Street.ANN LEE/VALLEY PHOTO", "ANN LEE/VALLEY PHOTO"),
            ("The harbor road was closed in 2019Credit: Valley Photo", "Credit: Valley Photo"),
            ("The old harbor in 1962 ©Harbor Archive/Valley Photo Agency", "©Harbor Archive/Valley Photo Agency"),
            // Creative Commons' attribution formula: the credit, then the licence
            ("The harbor at dusk. Photo by Ann Lee, licensed under CC BY-SA 2.0.", "Photo by Ann Lee, licensed under CC BY-SA 2.0."),
            ("The harbor at dusk. Photo by Ann Lee licensed under CC BY 2.0 .", "Photo by Ann Lee licensed under CC BY 2.0 ."),
            // a dash, the agency and the kind of picture
            ("The mayor at the harbor on Tuesday. — AFP pic", " — AFP pic"),
            ("The mayor at the harbor on Tuesday. - Reuters file photo", " - Reuters file photo"),
        ]
        for (caption, credit) in credited {
            let start = CreditRecognizer.trailingCredit(in: caption)
            #expect(start.map { String(caption.unicodeScalars.dropFirst($0)) } == credit, "\(caption)")
        }
        for caption in ["Volunteers stack sandbags on Main Street in Harbor City", "Sign in / Sign up",
                        "The Democrat/Republican divide on Main Street", "Crews clear the road. Thanks for Coming Out Tonight Everyone",
                        "Residents returned to the Harbor Road area on Tuesday.", "Read more at Harbor Times/Opinion"] {
            #expect(CreditRecognizer.trailingCredit(in: caption) == nil, "\(caption)")
        }
        // a bar between the caption and its credit, and a link to the picture's page after the credit
        #expect(CreditRecognizer.trailingCredit(in: "Crews clear the harbor road. | AP Photo") != nil)
        #expect(CreditRecognizer.trailingCredit(in: "Crews clear the harbor road. (AP Photo/Ann Lee) more >") != nil)
        // a bar after a sentence is a credit's empty slot; after a menu item it is the menu's separator
        #expect(CreditRecognizer.hasEmptyCreditSlot("Ann Lee speaks at the harbor on Tuesday. |"))
        #expect(!CreditRecognizer.hasEmptyCreditSlot("Make The Harbor Times your Home Page |"))
    }

    /// A caption element that holds only a credit, in the forms newsrooms give it, is the figure's
    /// credit in markup; a name alone or a sentence is a caption.
    @Test func aCaptionElementHoldingOnlyACreditIsTheCredit() throws {
        for credit in ["Ann Lee for The Harbor Times", "Ann Lee for The Harbor Times.", "(The Harbor Times)", "Photo: Ann Lee",
                       "(Ann Lee / Valley Photo)"] {
            #expect(CreditRecognizer.isCaptionCredit(credit), "\(credit)")
        }
        for caption in ["Ann Lee", "(Pictured)", "The harbor road closed on Tuesday.", "(Left to right) Ann Lee and Ruth Diaz",
                        "Volunteers for The Harbor Relief Fund stack sandbags on Main Street"] {
            #expect(!CreditRecognizer.isCaptionCredit(caption), "\(caption)")
        }
        let html = """
        <html><body><article><h1>Harbor road closes</h1>
        <p>The council voted on Tuesday to close the harbor road for the winter, after weeks of storms.</p>
        <figure><img src="road.jpg" alt="The road"><figcaption><p>Ann Lee for The Harbor Times</p></figcaption></figure>
        <p>Crews began the work on Wednesday morning and expect to finish by spring, the council said.</p>
        </article></body></html>
        """
        let article = try parse(html, "html")
        #expect(article.figures.count == 1)
        #expect(article.figures.first?.credit == "Ann Lee for The Harbor Times")
        #expect(article.figures.first?.caption == nil)
        let md = "# Harbor road closes\n\n![](road.jpg)\n\n*(The Harbor Times)*\n\nThe council voted on Tuesday to close the harbor road.\n"
        #expect(try parse(md, "md").figures.first?.credit == "(The Harbor Times)")
        // one photographer's credit under two pictures repeats no caption
        let twice = "# Harbor road\n\n![](a.jpg)\n\n*Ann Lee for The Harbor Times*\n\nThe council voted on Tuesday.\n\n"
            + "![](b.jpg)\n\n*Ann Lee for The Harbor Times*\n\nCrews began the work on Wednesday.\n"
        #expect(!Support.lint(twice, format: "markdown").diagnostics.contains { $0.rule == "caption-duplicated" })
    }

    @Test func plainTextJoinsHardWrappedWireCopy() throws {
        let wire = """
        Council votes to close harbor road

        HARBOR CITY (Wire) -- The council voted on Tuesday to close the
        harbor road for repairs, a decision that drew criticism from
        merchants along the waterfront who said it would hurt business.

        "We were never asked about any of this before the vote,"
        said Ruth Diaz, who owns a bakery on the road.

        The road will reopen in the spring, officials said on Tuesday.

        The merchants plan to appeal the decision at the next meeting.
        """
        let article = try parse(wire, "txt")
        let body = article.blocks.filter { $0.role == .body }
        #expect(body.count == 4)
        #expect(body[1].text.hasPrefix("\"We were never asked") && body[1].text.hasSuffix("on the road."))
        #expect(article.quotations.count == 1)
        #expect(body[1].map.location(at: 57) == CopydeskCore.SourceLocation(line: 8, column: 1))
        #expect(Support.linter.lint(text: wire, path: "w.txt").diagnostics.isEmpty)
    }

    @Test func quoteScannerPairsMarksByType() throws {
        let article = try parse("Story\n\nHe is 5'10\" tall and said “this is a quote” and \"another one here\" and „ein Zitat“ too, then «une citation» ended. \"Open to the end\n", "txt")
        let texts = article.quotations.map(\.text)
        #expect(texts == ["this is a quote", "another one here", "ein Zitat", "une citation", "Open to the end"])
        #expect(article.quotations.last?.openEnded == true)
    }
}
