# Scenarios of kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/record/export.feature
# at commit 05693531919bf268742769025e664f05892584a7, kept verbatim and in upstream order.
# MIT License, Copyright (c) Cybozu, Inc.: see ../../LICENSE-cli-kintone.
# Adapted: only the scenarios the emulator runs are here (docs/emulator.md lists the others and why);
# the tag @attachments marks the five attachment scenarios.
@isolated
@export
Feature: record export

  @attachments
  Scenario: Download attachments into an existing directory
    Given The app "app_for_export_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And The app "app_for_export_attachments" has some records with attachments in directory "attachments" as below:
      | Text  | Attachment |
      | Alice | file1.txt  |
    And Load the record numbers of the app "app_for_export_attachments" as variable: "RECORD_NUMBERS"
    And Load app ID of the app "app_for_export_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_export_attachments" with exact permissions "view" as env var: "API_TOKEN"
    And I have a directory "exported-attachments"
    When I run the command with args "record export --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir exported-attachments"
    Then I should get the exit code is zero
    # [\/\\\\] is used to match both Windows and Unix path separators
    And The output message should match with the data below:
      | Record_number      | Text  | Attachment                                     |
      | $RECORD_NUMBERS[0] | Alice | Attachment-$RECORD_NUMBERS[0][\/\\\\]file1.txt |
    And The directory "exported-attachments" should contain files with filename and content as below:
      | FilePath                      | FileName  | Content |
      | Attachment-$RECORD_NUMBERS[0] | file1.txt | 123     |

  @attachments
  Scenario: Download attachments into a new directory
    Given The app "app_for_export_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And The app "app_for_export_attachments" has some records with attachments in directory "attachments" as below:
      | Text  | Attachment |
      | Alice | file1.txt  |
    And Load the record numbers of the app "app_for_export_attachments" as variable: "RECORD_NUMBERS"
    And Load app ID of the app "app_for_export_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_export_attachments" with exact permissions "view" as env var: "API_TOKEN"
    When I run the command with args "record export --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir new-directory"
    Then I should get the exit code is zero
    And The output message should match with the data below:
      | Record_number      | Text  | Attachment                                     |
      | $RECORD_NUMBERS[0] | Alice | Attachment-$RECORD_NUMBERS[0][\/\\\\]file1.txt |
    And The directory "new-directory" should contain files with filename and content as below:
      | FilePath                      | FileName  | Content |
      | Attachment-$RECORD_NUMBERS[0] | file1.txt | 123     |

  @attachments
  Scenario: Multiple records have attachments
    Given The app "app_for_export_attachments" has no records
    And I have a file in "attachments/file1.txt"
    And I have a file in "attachments/image1.png"
    And The app "app_for_export_attachments" has some records with attachments in directory "attachments" as below:
      | Text  | Attachment |
      | Alice | file1.txt  |
      | Bob   | image1.png |
    And Load the record numbers of the app "app_for_export_attachments" as variable: "RECORD_NUMBERS"
    And Load app ID of the app "app_for_export_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_export_attachments" with exact permissions "view" as env var: "API_TOKEN"
    When I run the command with args "record export --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir exported-attachments"
    Then I should get the exit code is zero
    And The output message should match with the data below:
      | Record_number      | Text  | Attachment                                      |
      | $RECORD_NUMBERS[0] | Alice | Attachment-$RECORD_NUMBERS[0][\/\\\\]file1.txt  |
      | $RECORD_NUMBERS[1] | Bob   | Attachment-$RECORD_NUMBERS[1][\/\\\\]image1.png |
    And The exported files should match as below:
      | Expected_FilePath      | Actual_FilePath                                               |
      | attachments/file1.txt  | exported-attachments/Attachment-$RECORD_NUMBERS[0]/file1.txt  |
      | attachments/image1.png | exported-attachments/Attachment-$RECORD_NUMBERS[1]/image1.png |

  @attachments
  Scenario: Record has multiple attachments
    Given The app "app_for_export_attachments" has no records
    And I have a file in "attachments/file1.txt"
    And I have a file in "attachments/Image1.png"
    And The app "app_for_export_attachments" has some records with attachments in directory "attachments" as below:
      | Text  | Attachment            |
      | Alice | file1.txt\nImage1.png |
    And Load the record numbers of the app "app_for_export_attachments" as variable: "RECORD_NUMBERS"
    And Load app ID of the app "app_for_export_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_export_attachments" with exact permissions "view" as env var: "API_TOKEN"
    When I run the command with args "record export --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir exported-attachments"
    Then I should get the exit code is zero
    And The output message should match with the data below:
      | Record_number      | Text  | Attachment                                                                                      |
      | $RECORD_NUMBERS[0] | Alice | Attachment-$RECORD_NUMBERS[0][\/\\\\]file1.txt\nAttachment-$RECORD_NUMBERS[0][\/\\\\]Image1.png |
    And The exported files should match as below:
      | Expected_FilePath      | Actual_FilePath                                               |
      | attachments/file1.txt  | exported-attachments/Attachment-$RECORD_NUMBERS[0]/file1.txt  |
      | attachments/Image1.png | exported-attachments/Attachment-$RECORD_NUMBERS[0]/Image1.png |

  @attachments
  Scenario: Record has a .txt file attachment
    Given The app "app_for_export_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And The app "app_for_export_attachments" has some records with attachments in directory "attachments" as below:
      | Text  | Attachment |
      | Alice | file1.txt  |
    And Load the record numbers of the app "app_for_export_attachments" as variable: "RECORD_NUMBERS"
    And Load app ID of the app "app_for_export_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_export_attachments" with exact permissions "view" as env var: "API_TOKEN"
    When I run the command with args "record export --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir exported-attachments"
    Then I should get the exit code is zero
    And The output message should match with the data below:
      | Record_number      | Text  | Attachment                                     |
      | $RECORD_NUMBERS[0] | Alice | Attachment-$RECORD_NUMBERS[0][\/\\\\]file1.txt |
    And The directory "exported-attachments" should contain files with filename and content as below:
      | FilePath                      | FileName  | Content |
      | Attachment-$RECORD_NUMBERS[0] | file1.txt | 123     |
