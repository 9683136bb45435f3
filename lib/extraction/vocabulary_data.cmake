# rapporteur_vocabulary_data(OUTPUT): writes OUTPUT, a .cc file defining
# BuiltinVocabularyData (vocabulary_data.h) over the text of
# data/vocabularies/*.tsv (vocabulary_data.cc.in), for the vocabulary
# library and for the fuzz targets, which compile sources themselves.
set(RAPPORTEUR_EXTRACTION_DIR ${CMAKE_CURRENT_LIST_DIR})

function(rapporteur_vocabulary_data output)
  get_filename_component(root ${RAPPORTEUR_EXTRACTION_DIR}/../.. ABSOLUTE)
  set(files)
  foreach(name IN ITEMS countries un_bodies treaties themes units
      recommendation_cues subject_aliases places)
    set(file ${root}/data/vocabularies/${name}.tsv)
    file(READ ${file} content)
    string(TOUPPER ${name} upper)
    set(${upper}_TSV "${content}")
    list(APPEND files ${file})
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${files} ${RAPPORTEUR_EXTRACTION_DIR}/vocabulary_data.cc.in)
  configure_file(${RAPPORTEUR_EXTRACTION_DIR}/vocabulary_data.cc.in
    ${output} @ONLY)
endfunction()
