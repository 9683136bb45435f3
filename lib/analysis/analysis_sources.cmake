# The analysis sources, for the library (CMakeLists.txt beside this file)
# and for the fuzz targets, which compile sources themselves so that every
# line is instrumented:
#  - RAPPORTEUR_ANALYSIS_SOURCES: the .cc files, absolute paths;
#  - rapporteur_stop_words_data(OUTPUT): writes OUTPUT, a .cc file holding
#    the stop word lists of data/stopwords/ (stop_words_data.cc.in), so that
#    they are compiled in and no file is read at run time. Compile it with
#    the sources.
# They link ICU (find_package(ICU COMPONENTS uc i18n)), libstemmer, utf8proc
# and Abseil's strings, flat_hash_map and flat_hash_set.
set(RAPPORTEUR_ANALYSIS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(RAPPORTEUR_ANALYSIS_SOURCES)
foreach(name IN ITEMS analyzer language normalize segmenter stemmer
    stop_words)
  list(APPEND RAPPORTEUR_ANALYSIS_SOURCES ${RAPPORTEUR_ANALYSIS_DIR}/${name}.cc)
endforeach()

function(rapporteur_stop_words_data output)
  get_filename_component(root ${RAPPORTEUR_ANALYSIS_DIR}/../.. ABSOLUTE)
  set(files)
  foreach(language IN ITEMS ar de en es fr pt ru)
    set(file ${root}/data/stopwords/${language}.txt)
    file(READ ${file} content)
    string(TOUPPER ${language} upper)
    set(${upper}_TXT "${content}")
    list(APPEND files ${file})
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${files} ${RAPPORTEUR_ANALYSIS_DIR}/stop_words_data.cc.in)
  configure_file(${RAPPORTEUR_ANALYSIS_DIR}/stop_words_data.cc.in
    ${output} @ONLY)
endfunction()
